using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Scheme defaults of pod volumes (pkg/apis/core/v1/defaults.go SetDefaults_Volume and friends).</summary>
static class VolumeDefaults
{
    const int DefaultMode = 420; // 0644

    public static void Apply(V1Volume volume)
    {
        // A volume without a source is an emptyDir.
        if (!HasSource(volume)) volume.EmptyDir = new V1EmptyDirVolumeSource();
        if (volume.Secret is { } secret) secret.DefaultMode ??= DefaultMode;
        if (volume.ConfigMap is { } configMap) configMap.DefaultMode ??= DefaultMode;
        if (volume.Projected is { } projected) projected.DefaultMode ??= DefaultMode;
        if (volume.DownwardAPI is { } downward)
        {
            downward.DefaultMode ??= DefaultMode;
            foreach (var item in downward.Items ?? [])
                if (item?.FieldRef is { } fieldRef) fieldRef.ApiVersion = PodDefaults.OrDefault(fieldRef.ApiVersion, "v1");
        }
        if (volume.HostPath is { } hostPath) hostPath.Type ??= "";
    }

    // Every property of a volume but its name is a source.
    static bool HasSource(V1Volume volume) =>
        typeof(V1Volume).GetProperties().Any(p => p.Name != nameof(V1Volume.Name) && p.GetValue(volume) is not null);
}
