namespace PodLife.Core.History;

/// <summary>
/// One recorded change in a pod's life: a phase, a condition, a container state, a lifecycle stage or an event.
/// <see cref="Time"/> is when the node observed it (the status timestamps), else when the server saw the write.
/// </summary>
/// <param name="Name">The condition type, the container name, or the event reason; empty for Phase and Stage.</param>
/// <param name="To">The new phase, condition status, container state or stage; for an Event its type (Normal/Warning).</param>
public sealed record TimelineEntry(DateTimeOffset Time, string Kind, string Name, string To)
{
    public string? From { get; init; }
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public int? ExitCode { get; init; }
    public int? Signal { get; init; }
    public int? RestartCount { get; init; }
    public bool? Ready { get; init; }
    /// <summary>How many times an event was seen (events repeat: count goes up rather than a new entry).</summary>
    public int? Count { get; init; }
    /// <summary>When a repeated event was last seen.</summary>
    public DateTimeOffset? LastTime { get; init; }
}
