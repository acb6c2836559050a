namespace PodLife.Node.Runtime.Simulated;

/// <summary>What became of a request a simulated pod sent to an address.</summary>
public enum PodAnswerKind
{
    /// <summary>A server answered (<see cref="PodAnswer.Status"/>, <see cref="PodAnswer.Body"/>).</summary>
    Answered,

    /// <summary>Nothing listens there (the pod's kernel, or kube-proxy for a service without endpoints, refused).</summary>
    Refused,

    /// <summary>No pod has the address: the connection attempt times out.</summary>
    Unreachable,

    /// <summary>A server that does not speak HTTP took the connection and closed it.</summary>
    Closed,
}

/// <summary>The outcome of a request from a simulated pod.</summary>
public sealed record PodAnswer(PodAnswerKind Kind, int Status = 0, string Body = "")
{
    public static readonly PodAnswer Refused = new(PodAnswerKind.Refused);
    public static readonly PodAnswer Unreachable = new(PodAnswerKind.Unreachable);
    public static readonly PodAnswer Closed = new(PodAnswerKind.Closed);
}

/// <summary>
/// The cluster network as simulated pods see it: cluster DNS (service and pod names) and connections to pod IPs and
/// service cluster IPs (through a ready endpoint, as kube-proxy sends them), whichever simulated node runs the pod.
/// </summary>
public interface IClusterNetwork
{
    /// <summary>The IPv4 address cluster DNS gives the fully qualified <paramref name="fqdn"/> (no trailing dot), or null (NXDOMAIN).</summary>
    string? Resolve(string fqdn);

    /// <summary>The name cluster DNS gives <paramref name="ip"/> (a service's cluster IP: its FQDN), or null.</summary>
    string? ReverseLookup(string ip);

    /// <summary>True when <paramref name="ip"/> answers ICMP echo: a running pod does, a service's cluster IP does not (kube-proxy only forwards its ports).</summary>
    Task<bool> AnswersPingAsync(string ip, CancellationToken cancellationToken = default);

    /// <summary>Sends an HTTP request to <paramref name="ip"/>:<paramref name="port"/> from a pod.</summary>
    Task<PodAnswer> RequestAsync(string ip, int port, string method, string path, CancellationToken cancellationToken = default);
}
