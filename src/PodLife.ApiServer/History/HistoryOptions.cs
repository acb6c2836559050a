namespace PodLife.ApiServer.History;

/// <summary>How long and how much lifecycle history the server keeps.</summary>
public sealed record HistoryOptions
{
    /// <summary>How long a timeline stays after its pod is deleted (`--history-retention`, default 24 h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Entries per timeline before the oldest are dropped.</summary>
    public int MaxEntries { get; init; } = Core.History.PodTimeline.DefaultMaxEntries;

    /// <summary>
    /// How many parsed timelines the recorder keeps in memory, so that a pod write need not read its timeline back:
    /// the least recently written make room for new ones.
    /// </summary>
    public int CachedTimelines { get; init; } = DefaultCachedTimelines;

    public const int DefaultCachedTimelines = 20_000;

    /// <summary>
    /// How long a timeline's changes may wait in memory before they are written (all of them at once): the lag a watch of
    /// timelines sees, and what a server killed without stopping can lose. Reads through the API never lag.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often expired timelines are deleted: a tenth of the retention, between one second and one minute.</summary>
    public TimeSpan SweepInterval => TimeSpan.FromTicks(Math.Clamp(Retention.Ticks / 10, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
}
