using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>What kube-apiserver's mutating admission plugins add to a new pod (plugin/pkg/admission/...).</summary>
static class AdmissionDefaults
{
    public const string TokenVolumePrefix = "kube-api-access-";
    public const string TokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    const string MirrorPodAnnotation = "kubernetes.io/config.mirror";

    /// <summary>serviceaccount admission: the default account and, unless automount is off, the projected token volume in every container.</summary>
    public static void ApplyServiceAccount(V1Pod pod, string suffix)
    {
        var spec = pod.Spec;
        if (pod.Metadata.Annotations?.ContainsKey(MirrorPodAnnotation) == true) return;
        spec.ServiceAccountName = PodDefaults.OrDefault(spec.ServiceAccountName, "default");
        spec.ServiceAccount = spec.ServiceAccountName;
        if (spec.AutomountServiceAccountToken == false) return;

        var volumes = spec.Volumes ?? [];
        var existing = volumes.FirstOrDefault(v => v?.Name?.StartsWith(TokenVolumePrefix, StringComparison.Ordinal) == true);
        var volumeName = existing?.Name ?? TokenVolumePrefix + suffix;
        var needsVolume = false;
        // A container that already mounts something at the token path keeps it.
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers))
        {
            if (container.VolumeMounts?.Any(m => m?.MountPath == TokenMountPath) == true) continue;
            container.VolumeMounts = [.. container.VolumeMounts ?? [], new V1VolumeMount { Name = volumeName, ReadOnlyProperty = true, MountPath = TokenMountPath }];
            needsVolume = true;
        }
        if (existing is null && needsVolume) spec.Volumes = [.. volumes, TokenVolume(volumeName)];
    }

    /// <summary>DefaultTolerationSeconds: tolerate not-ready and unreachable nodes for 300s unless the pod already tolerates them.</summary>
    public static void ApplyDefaultTolerations(V1PodSpec spec)
    {
        var tolerations = (spec.Tolerations ?? []).Where(t => t is not null).ToList();
        foreach (var key in new[] { "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable" })
        {
            var tolerated = tolerations.Any(t => (t.Key == key || string.IsNullOrEmpty(t.Key)) && (t.Effect == "NoExecute" || string.IsNullOrEmpty(t.Effect)));
            if (!tolerated)
                tolerations.Add(new V1Toleration { Key = key, OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 });
        }
        spec.Tolerations = tolerations;
    }

    static V1Volume TokenVolume(string name) => new()
    {
        Name = name,
        Projected = new V1ProjectedVolumeSource
        {
            DefaultMode = 420,
            Sources =
            [
                new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { ExpirationSeconds = 3607, Path = "token" } },
                new V1VolumeProjection
                {
                    ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new V1KeyToPath { Key = "ca.crt", Path = "ca.crt" }] },
                },
                new V1VolumeProjection
                {
                    DownwardAPI = new V1DownwardAPIProjection
                    {
                        Items = [new V1DownwardAPIVolumeFile { Path = "namespace", FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.namespace" } }],
                    },
                },
            ],
        },
    };
}
