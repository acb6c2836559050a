using k8s.Models;

namespace PodLife.Node.Events;

/// <summary>
/// The events kubelet records about its own node (pkg/kubelet/events/event.go; kubelet_node_status.go and the node
/// status setters in pkg/kubelet/nodestatus): what <c>kubectl describe node</c> lists under Events.
/// </summary>
public static class NodeEvents
{
    public const string Starting = "Starting";
    public const string StartingMessage = "Starting kubelet.";
    public const string AllocatableEnforced = "NodeAllocatableEnforced";
    public const string AllocatableEnforcedMessage = "Updated Node Allocatable limit across pods";
    public const string NotSchedulable = "NodeNotSchedulable";
    public const string Schedulable = "NodeSchedulable";

    /// <summary>kubelet's recordNodeStatusEvent: "Node n status is now: NodeReady".</summary>
    public static string StatusMessage(string node, string reason) => $"Node {node} status is now: {reason}";

    /// <summary>
    /// The event of each condition whose status <paramref name="next"/> reports for the first time or differently
    /// from <paramref name="previous"/>, in the order of the conditions.
    /// </summary>
    public static IEnumerable<string> ConditionChanges(V1NodeStatus? previous, V1NodeStatus next)
    {
        ArgumentNullException.ThrowIfNull(next);
        foreach (var condition in next.Conditions ?? [])
        {
            var before = previous?.Conditions?.FirstOrDefault(c => c.Type == condition.Type);
            if (before?.Status == condition.Status) continue;
            if (Reason(condition.Type, condition.Status) is { } reason) yield return reason;
        }
    }

    static string? Reason(string type, string status) => (type, status) switch
    {
        ("MemoryPressure", "False") => "NodeHasSufficientMemory",
        ("MemoryPressure", "True") => "NodeHasInsufficientMemory",
        ("DiskPressure", "False") => "NodeHasNoDiskPressure",
        ("DiskPressure", "True") => "NodeHasDiskPressure",
        ("PIDPressure", "False") => "NodeHasSufficientPID",
        ("PIDPressure", "True") => "NodeHasInsufficientPID",
        ("Ready", "True") => "NodeReady",
        ("Ready", _) => "NodeNotReady",
        _ => null,
    };
}
