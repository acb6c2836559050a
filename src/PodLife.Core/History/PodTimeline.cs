namespace PodLife.Core.History;

/// <summary>
/// A pod's recorded life (podtimelines.podlife.dev): every transition oldest first, where it is now, and whether the
/// pod is gone. Same name and namespace as the pod; a pod recreated under the same name gets a fresh timeline.
/// </summary>
public sealed record PodTimeline(string Namespace, string Name, string PodUid)
{
    /// <summary>How many entries a timeline keeps before it drops the oldest (the first Phase entry always stays).</summary>
    public const int DefaultMaxEntries = 1000;

    public string Uid { get; init; } = "";
    public string ResourceVersion { get; init; } = "";
    public DateTimeOffset CreationTimestamp { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>When the pod was deleted; the timeline stays until the retention after this has passed.</summary>
    public DateTimeOffset? PodDeletedAt { get; init; }
    public TimelineCurrent? Current { get; init; }
    public IReadOnlyList<TimelineEntry> Entries { get; init; } = [];
    /// <summary>How many of the oldest entries were dropped to keep the timeline bounded.</summary>
    public int DroppedEntries { get; init; }

    /// <summary>The timeline with <paramref name="added"/> appended, dropping the oldest entries beyond <paramref name="max"/>.</summary>
    public PodTimeline Append(IReadOnlyCollection<TimelineEntry> added, int max = DefaultMaxEntries)
    {
        if (added.Count == 0) return this;
        var entries = new List<TimelineEntry>(Entries.Count + added.Count);
        entries.AddRange(Entries);
        entries.AddRange(added);
        var over = entries.Count - Math.Max(2, max);
        if (over <= 0) return this with { Entries = entries };
        // The first phase entry tells when the pod was created: keep it, drop what follows it.
        var first = entries.FindIndex(e => e.Kind == TimelineEntryKind.Phase);
        var kept = first >= 0 && first < over ? entries[first] : null;
        if (kept is not null) entries.RemoveAt(first);
        entries.RemoveRange(0, over);
        if (kept is not null) entries.Insert(0, kept);
        return this with { Entries = entries, DroppedEntries = DroppedEntries + over };
    }

    /// <summary>True once the pod has been gone for longer than <paramref name="retention"/>.</summary>
    public bool Expired(DateTimeOffset now, TimeSpan retention) => PodDeletedAt is { } gone && now - gone >= retention;
}
