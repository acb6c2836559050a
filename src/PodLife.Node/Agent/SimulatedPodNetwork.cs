using System.Net;
using System.Net.Sockets;
using k8s.Models;
using PodLife.Node.Pods;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Agent;

/// <summary>
/// The cluster network of the simulated nodes of one process: cluster DNS over the services and endpoints the nodes
/// watch (the records of the Kubernetes DNS specification), and kube-proxy's part: a connection to a service's cluster
/// IP goes to one of its ready endpoints, and is refused when there is none or the port is not the service's. Pods of
/// nodes in other processes are out of reach.
/// </summary>
public sealed class SimulatedPodNetwork(ClusterServices services, IReadOnlyList<SimulatedRuntime> runtimes) : IClusterNetwork
{
    const string ServiceZone = ".svc." + PodDns.ClusterDomain;
    const string PodZone = ".pod." + PodDns.ClusterDomain;

    /// <inheritdoc/>
    public string? Resolve(string fqdn)
    {
        ArgumentNullException.ThrowIfNull(fqdn);
        var name = fqdn.ToLowerInvariant();
        if (name.EndsWith(PodZone, StringComparison.Ordinal))
        {
            // <a-b-c-d>.<namespace>.pod.cluster.local: the address written in the name.
            var labels = name[..^PodZone.Length].Split('.');
            return labels.Length == 2 && IPAddress.TryParse(labels[0].Replace('-', '.'), out var ip) && ip.AddressFamily == AddressFamily.InterNetwork
                ? ip.ToString() : null;
        }
        if (!name.EndsWith(ServiceZone, StringComparison.Ordinal)) return null;
        var parts = name[..^ServiceZone.Length].Split('.');
        switch (parts.Length)
        {
            case 2 when services.Service(parts[1], parts[0]) is { } service:
                // <service>.<namespace>.svc: the cluster IP, or a headless service's ready pods.
                return IsHeadless(service) ? ReadyAddresses(parts[1], parts[0]).Select(a => a.Ip).FirstOrDefault() : service.Spec.ClusterIP;
            case 3 when services.Service(parts[2], parts[1]) is not null:
                // <hostname>.<subdomain>.<namespace>.svc: the pod of a headless service by its hostname.
                return ReadyAddresses(parts[2], parts[1]).FirstOrDefault(a => a.Hostname == parts[0])?.Ip;
            default:
                return null;
        }
    }

    /// <inheritdoc/>
    public string? ReverseLookup(string ip) =>
        services.ServiceWithClusterIp(ip) is { } service ? $"{service.Name()}.{service.Namespace() ?? "default"}{ServiceZone}" : null;

    /// <inheritdoc/>
    public async Task<bool> AnswersPingAsync(string ip, CancellationToken cancellationToken = default)
    {
        if (services.ServiceWithClusterIp(ip) is not null) return false;
        foreach (var runtime in runtimes)
        {
            if (await runtime.HasPodAsync(ip, cancellationToken).ConfigureAwait(false)) return true;
        }
        return false;
    }

    /// <inheritdoc/>
    public async Task<PodAnswer> RequestAsync(string ip, int port, string method, string path, CancellationToken cancellationToken = default)
    {
        if (services.ServiceWithClusterIp(ip) is { } service)
        {
            if (service.Spec.Ports?.FirstOrDefault(p => p.Port == port) is not { } servicePort) return PodAnswer.Refused;
            var backends = Backends(service, servicePort).ToList();
            if (backends.Count == 0) return PodAnswer.Refused;
            (ip, port) = backends[Random.Shared.Next(backends.Count)];
        }
        foreach (var runtime in runtimes)
        {
            if (await runtime.ServeAsync(ip, port, method, path, cancellationToken).ConfigureAwait(false) is { } answer) return answer;
        }
        return PodAnswer.Unreachable;
    }

    static bool IsHeadless(V1Service service) => service.Spec?.ClusterIP is null or "" or "None";

    IEnumerable<V1EndpointAddress> ReadyAddresses(string ns, string name) =>
        (services.Endpoints(ns, name)?.Subsets ?? []).SelectMany(s => s.Addresses ?? []);

    // The ready endpoints' addresses with the port of the same name as the service port (kube-proxy's rule).
    IEnumerable<(string Ip, int Port)> Backends(V1Service service, V1ServicePort servicePort)
    {
        foreach (var subset in services.Endpoints(service.Namespace() ?? "default", service.Name())?.Subsets ?? [])
        {
            if (subset.Ports?.FirstOrDefault(p => (p.Name ?? "") == (servicePort.Name ?? "")) is not { } endpointPort) continue;
            foreach (var address in subset.Addresses ?? []) yield return (address.Ip, endpointPort.Port);
        }
    }
}
