using k8s.Models;
using PodLife.Node.Runtime;

namespace PodLife.Node.Volumes;

/// <summary>A container's volumeMounts as bind mounts of the pod's volume directories (kubelet_pods.go makeMounts).</summary>
public static class ContainerMounts
{
    /// <summary>
    /// One mount per volumeMount whose volume is set up, at its subPath if it has one; configMap, secret, downwardAPI
    /// and projected volumes are read-only whatever the mount says.
    /// </summary>
    public static IReadOnlyList<Mount> For(V1Container container, IReadOnlyList<VolumeSetup> volumes, Func<VolumeSetup, string> directory)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(directory);
        var byName = volumes.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var mounts = new List<Mount>();
        foreach (var m in container.VolumeMounts ?? [])
        {
            if (!byName.TryGetValue(m.Name, out var volume)) continue;
            var host = directory(volume);
            if (!string.IsNullOrEmpty(m.SubPath)) host = Path.Combine(host, m.SubPath);
            mounts.Add(new Mount(m.MountPath, host, m.ReadOnlyProperty == true || volume.AlwaysReadOnly));
        }
        return mounts;
    }
}
