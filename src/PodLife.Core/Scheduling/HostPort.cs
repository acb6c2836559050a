using k8s.Models;

namespace PodLife.Core.Scheduling;

/// <summary>One host port a pod asks for; an empty host IP means every address (0.0.0.0), an empty protocol TCP.</summary>
public readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public const string AnyIp = "0.0.0.0";

    public static HostPort Of(string? ip, string? protocol, int port) =>
        new(string.IsNullOrEmpty(ip) ? AnyIp : ip, string.IsNullOrEmpty(protocol) ? "TCP" : protocol, port);

    /// <summary>Host ports of the containers and of the sidecars (init containers that keep running).</summary>
    public static IReadOnlyList<HostPort> OfPod(V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var containers = (spec.Containers ?? []).Concat((spec.InitContainers ?? []).Where(c => c.RestartPolicy == "Always"));
        return containers
            .SelectMany(c => c.Ports ?? [])
            .Where(p => p.HostPort is > 0)
            .Select(p => Of(p.HostIP, p.Protocol, p.HostPort!.Value))
            .ToArray();
    }

    /// <summary>Two host ports clash on one node: same protocol and port, and the same address or one of them every address.</summary>
    public bool Conflicts(HostPort other) =>
        Protocol == other.Protocol && Port == other.Port && (Ip == other.Ip || Ip == AnyIp || other.Ip == AnyIp);
}
