namespace PodLife.Node.Runtime;

/// <summary>What the node asks of a pod sandbox (CRI PodSandboxConfig, the parts PodLife uses).</summary>
/// <param name="Name">The pod's name.</param>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Uid">The pod's uid.</param>
/// <param name="Attempt">How many times this pod's sandbox was created before.</param>
public sealed record PodSandboxConfig(string Name, string Namespace, string Uid, int Attempt = 0)
{
    /// <summary>The hostname inside the pod (the pod name unless spec.hostname says otherwise).</summary>
    public string? Hostname { get; init; }

    /// <summary>
    /// True when the pod's containers share one PID namespace (spec.shareProcessNamespace): the pause process is
    /// then PID 1, so a container's own process gets default signal handling.
    /// </summary>
    public bool ShareProcessNamespace { get; init; }

    /// <summary>The pod's resolver (CRI DNSConfig); null: the runtime's host resolver.</summary>
    public PodDnsConfig? Dns { get; init; }

    /// <summary>The pod's domain when it has a subdomain (<c>sub.ns.svc.cluster.local</c>), for its /etc/hosts line.</summary>
    public string? Domain { get; init; }

    /// <summary>
    /// Where the pod's containers mount the service account volume (kube-api-access-*), whose namespace file a simulated
    /// runtime serves itself; null when they do not (automountServiceAccountToken: false). Real nodes mount the volume.
    /// </summary>
    public string? ServiceAccountDirectory { get; init; }

    /// <summary>The pod's hostAliases, for /etc/hosts.</summary>
    public IReadOnlyList<HostAlias> HostAliases { get; init; } = [];

    /// <summary>Labels kubelet puts on the sandbox to find its pod again.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
