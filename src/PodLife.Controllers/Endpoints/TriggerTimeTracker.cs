using k8s.Models;

namespace PodLife.Controllers.Endpoints;

/// <summary>
/// The time the endpoints controllers write as endpoints.kubernetes.io/last-change-trigger-time (kube's
/// TriggerTimeTracker): for a Service seen for the first time, its creation time; after that, the earliest of the
/// trigger times that changed since the last sync (a pod's Ready condition's last transition, the Service's creation),
/// or none when none changed. Like kube's, it can be off when an object changes twice between two syncs.
/// </summary>
public sealed class TriggerTimeTracker
{
    sealed record State(DateTime Service, IReadOnlyDictionary<string, DateTime> Pods);

    readonly Dictionary<string, State> _services = new(StringComparer.Ordinal);
    readonly Lock _lock = new();

    /// <summary>The trigger time for a sync of <paramref name="service"/> with the pods it selects; null: none to write.</summary>
    public DateTime? Compute(V1Service service, IEnumerable<V1Pod> selected)
    {
        ArgumentNullException.ThrowIfNull(service);
        var key = $"{service.Metadata.NamespaceProperty}/{service.Metadata.Name}";
        State? last;
        lock (_lock) _services.TryGetValue(key, out last);
        DateTime? earliest = null;
        var pods = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var pod in selected)
        {
            if (ReadySince(pod) is not { } time) continue;
            pods[pod.Metadata.Name] = time;
            if (last is null || !last.Pods.TryGetValue(pod.Metadata.Name, out var before) || time > before) earliest = Min(earliest, time);
        }
        var created = service.Metadata.CreationTimestamp ?? default;
        if (last is null || created > last.Service) earliest = Min(earliest, created);
        lock (_lock) _services[key] = new State(created, pods);
        return last is null ? created : earliest;
    }

    /// <summary>Forgets a Service that is gone.</summary>
    public void Forget(string ns, string name)
    {
        lock (_lock) _services.Remove($"{ns}/{name}");
    }

    static DateTime? ReadySince(V1Pod pod) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.LastTransitionTime is { } time && time != default ? time : null;

    static DateTime Min(DateTime? a, DateTime b) => a is { } x && x < b ? x : b;

    /// <summary>As Go's RFC3339Nano writes a UTC time: the fraction without its trailing zeros.</summary>
    public static string Format(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
