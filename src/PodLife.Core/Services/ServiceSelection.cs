using k8s.Models;

namespace PodLife.Core.Services;

/// <summary>Which pods a Service sends traffic to, by kube's endpoints controllers' rules (pkg/controller/endpoint, endpointslice).</summary>
public static class ServiceSelection
{
    /// <summary>Whether the controllers keep endpoints for <paramref name="service"/>: only Services with a selector.</summary>
    public static bool Managed(V1Service service) =>
        service.Spec is { Selector.Count: > 0 } spec && spec.Type != "ExternalName";

    /// <summary>Whether <paramref name="pod"/> is one of <paramref name="service"/>'s (same namespace, every selector label).</summary>
    public static bool Selects(V1Service service, V1Pod pod) =>
        Managed(service) && pod.Metadata?.NamespaceProperty == service.Metadata?.NamespaceProperty
        && service.Spec.Selector.All(s => pod.Metadata?.Labels is { } labels && labels.TryGetValue(s.Key, out var v) && v == s.Value);

    /// <summary>ShouldPodBeInEndpoints: not finished, has an IP, and (unless terminating pods are wanted) not being deleted.</summary>
    public static bool InEndpoints(V1Pod pod, bool includeTerminating) =>
        pod.Status?.Phase is not ("Succeeded" or "Failed")
        && !string.IsNullOrEmpty(pod.Status?.PodIP)
        && (includeTerminating || pod.Metadata?.DeletionTimestamp is null);

    public static bool Ready(V1Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    /// <summary>
    /// The pod's port for one of the Service's: a number as given (the Service's own port when none is given), a name
    /// looked up among the pod's container ports of the same protocol (podutil.FindPort); null when the pod has none.
    /// </summary>
    public static int? TargetPort(V1Pod pod, V1ServicePort port)
    {
        var target = port.TargetPort?.Value ?? "";
        if (int.TryParse(target, System.Globalization.CultureInfo.InvariantCulture, out var number)) return number;
        if (target.Length == 0) return port.Port;
        return (pod.Spec?.Containers ?? []).SelectMany(c => c.Ports ?? [])
            .FirstOrDefault(p => p.Name == target && (p.Protocol ?? "TCP") == (port.Protocol ?? "TCP"))?.ContainerPort;
    }
}
