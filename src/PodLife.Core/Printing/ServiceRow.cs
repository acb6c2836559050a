using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>
/// One row of `kubectl get services` (NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR), as kube-apiserver's
/// printService prints it (pkg/printers/internalversion/printers.go).
/// </summary>
public sealed record ServiceRow(string Name, string Type, string ClusterIP, string ExternalIP, string Ports, string Age, string Selector)
{
    public static ServiceRow From(V1Service service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(service);
        var spec = service.Spec ?? new V1ServiceSpec();
        var clusterIP = spec.ClusterIPs is [{ } first, ..] ? first : "<none>";
        var ports = PortsText(spec.Ports);
        return new(service.Metadata?.Name ?? "", spec.Type ?? "", clusterIP, ExternalIPText(service), ports.Length == 0 ? "<none>" : ports,
            KubeTime.Since(service.Metadata?.CreationTimestamp, now), LabelsText(spec.Selector));
    }

    /// <summary>The cells in <see cref="TableColumns.Services"/> order (the server always sends the wide ones).</summary>
    public IReadOnlyList<object> Cells() => [Name, Type, ClusterIP, ExternalIP, Ports, Age, Selector];

    // getServiceExternalIP, wide: the external IPs a user gave, and for a load balancer the addresses of its status first.
    static string ExternalIPText(V1Service service)
    {
        var spec = service.Spec ?? new V1ServiceSpec();
        var external = spec.ExternalIPs ?? [];
        switch (spec.Type)
        {
            case "ClusterIP" or "NodePort":
                return external.Count > 0 ? string.Join(",", external) : "<none>";
            case "LoadBalancer":
                var ingress = LoadBalancerText(service.Status?.LoadBalancer);
                if (external.Count > 0) return string.Join(",", (ingress.Length > 0 ? ingress.Split(',') : []).Concat(external));
                return ingress.Length > 0 ? ingress : "<pending>";
            case "ExternalName":
                return spec.ExternalName ?? "";
            default:
                return "<unknown>";
        }
    }

    // loadBalancerStatusStringer: each ingress point's IP, else its hostname, sorted and without repeats.
    static string LoadBalancerText(V1LoadBalancerStatus? status) =>
        string.Join(",", (status?.Ingress ?? [])
            .Select(i => !string.IsNullOrEmpty(i.Ip) ? i.Ip : i.Hostname ?? "")
            .Where(a => a.Length > 0)
            .Distinct()
            .Order(StringComparer.Ordinal));

    // makePortString: "80/TCP", or "80:30080/TCP" with a node port.
    static string PortsText(IList<V1ServicePort>? ports) =>
        string.Join(",", (ports ?? []).Select(p => p.NodePort is > 0 ? $"{p.Port}:{p.NodePort}/{p.Protocol}" : $"{p.Port}/{p.Protocol}"));

    // labels.FormatLabels: sorted key=value pairs, or <none>.
    static string LabelsText(IDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0
            ? "<none>"
            : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
