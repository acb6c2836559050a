namespace PodLife.Node.Volumes;

/// <summary>kubelet's layout under its root directory (pkg/kubelet/kubelet_getters.go): one directory per pod.</summary>
public sealed record KubeletDirectories(string Root)
{
    /// <summary><c>ROOT/pods/UID</c>.</summary>
    public string Pod(string uid) => Path.Combine(Root, "pods", uid);

    /// <summary><c>ROOT/pods/UID/volumes/PLUGIN/NAME</c>, e.g. <c>…/volumes/kubernetes.io~configmap/cfg</c>.</summary>
    public string Volume(string uid, VolumeSetup volume) =>
        volume.HostPath ?? Path.Combine(Pod(uid), "volumes", volume.Plugin, volume.Name);

    /// <summary><c>ROOT/pods/UID/containers/NAME/ATTEMPT</c>: the host file behind an instance's terminationMessagePath.</summary>
    public string TerminationLog(string uid, string container, int attempt) =>
        Path.Combine(Pod(uid), "containers", container, attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
