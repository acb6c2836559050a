using k8s.Models;
using PodLife.Core.Services;

namespace PodLife.Core.Explain;

/// <summary>One Service that selects the pod, and what that means for the pod's traffic.</summary>
/// <param name="Endpoint">Whether the Service sends the pod traffic now (a ready endpoint).</param>
public sealed record ServiceExplanation(string Name, bool Endpoint, string Note);

/// <summary>
/// What the Services that select a pod do with it, by the endpoints controllers' rules: traffic goes to Ready pods only
/// (unless a Service publishes not-ready addresses), never to finished or terminating ones, and only on ports the pod has.
/// </summary>
public static class ServiceNotes
{
    public static IReadOnlyList<ServiceExplanation> For(V1Pod pod, IEnumerable<V1Service> services) =>
        [.. services.Where(s => ServiceSelection.Selects(s, pod)).OrderBy(s => s.Metadata.Name, StringComparer.Ordinal).Select(s => Explain(s, pod))];

    static ServiceExplanation Explain(V1Service service, V1Pod pod)
    {
        var name = service.Metadata.Name;
        var publishNotReady = service.Spec.PublishNotReadyAddresses == true;
        if (pod.Status?.Phase is "Succeeded" or "Failed")
            return new(name, false, "selects the pod, but a finished pod is never an endpoint");
        if (string.IsNullOrEmpty(pod.Status?.PodIP))
            return new(name, false, "selects the pod; it becomes an endpoint once the pod has an IP");
        if (pod.Metadata?.DeletionTimestamp is not null && !publishNotReady)
            return new(name, false, "sends the terminating pod no new traffic");
        var missing = (service.Spec.Ports ?? []).Where(p => ServiceSelection.TargetPort(pod, p) is null).Select(p => p.TargetPort?.Value ?? "").ToList();
        if (missing.Count > 0 && missing.Count == (service.Spec.Ports?.Count ?? 0))
            return new(name, false, $"names target port {Quoted(missing)} that no container of the pod declares, so the pod is not its endpoint");
        var portNote = missing.Count > 0 ? $" (not on target port {Quoted(missing)}, which no container declares)" : "";
        if (publishNotReady)
            return new(name, true, $"publishes not-ready addresses: the pod is its endpoint, Ready or not{portNote}");
        return ServiceSelection.Ready(pod)
            ? new(name, true, $"the pod is Ready, so it is an endpoint and gets the Service's traffic{portNote}")
            : new(name, false, $"lists the pod as not ready: it gets no traffic from the Service until it is Ready{portNote}");
    }

    static string Quoted(IEnumerable<string> ports) => string.Join(", ", ports.Select(p => $"\"{p}\""));
}
