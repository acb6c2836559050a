namespace PodLife.Core;

/// <summary>
/// The Kubernetes release PodLife answers as. The API server's /version and each node's kubeletVersion name the same
/// one, as the components of one cluster do (a kubelet newer than its API server is outside Kubernetes' version skew
/// policy); "+podlife" marks the distribution, as "+k3s1" does k3s.
/// </summary>
public static class KubernetesRelease
{
    public const string Major = "1";
    public const string Minor = "32";
    public const string Version = "v" + Major + "." + Minor + ".0";
    public const string GitVersion = Version + "+podlife";

    /// <summary>What a kubelet's HTTP probes send as User-Agent ("kube-probe/MAJOR.MINOR").</summary>
    public const string ProbeUserAgent = "kube-probe/" + Major + "." + Minor;
}
