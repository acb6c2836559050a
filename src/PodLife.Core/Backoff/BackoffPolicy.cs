namespace PodLife.Core.Backoff;

/// <summary>An exponential back-off as kubelet configures client-go's flowcontrol.Backoff: no jitter, the delay
/// doubles per step up to <see cref="Max"/>, and an entry untouched for more than 2 × Max starts over.</summary>
/// <remarks>staging/src/k8s.io/client-go/util/flowcontrol/backoff.go (Next, IsInBackOffSince,
/// IsInBackOffSinceUpdate, hasExpired, GC). A missing entry (null) means "never backed off".</remarks>
public sealed record BackoffPolicy
{
    public BackoffPolicy(TimeSpan initial, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        (Initial, Max) = (initial, max);
    }

    public TimeSpan Initial { get; }
    public TimeSpan Max { get; }

    /// <summary>Container restarts: 10s (backOffPeriod) doubling to 5m (MaxContainerBackOff), pkg/kubelet/kubelet.go.</summary>
    public static BackoffPolicy ContainerRestart { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>Image pulls: 10s (imageBackOffPeriod) doubling to 5m (MaxImageBackOff), pkg/kubelet/kubelet.go.</summary>
    public static BackoffPolicy ImagePull { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>Whether an entry is stale as seen from <paramref name="eventTime"/>, so it counts as absent (and GC drops it).</summary>
    public bool HasExpired(BackoffEntry entry, DateTimeOffset eventTime) =>
        eventTime - entry.LastUpdate > Max * 2;

    /// <summary>The entry after one more failure: Initial when new or expired, else twice the delay up to Max.</summary>
    public BackoffEntry Next(BackoffEntry? entry, DateTimeOffset eventTime, DateTimeOffset now)
    {
        if (entry is null || HasExpired(entry, eventTime)) return new BackoffEntry(Initial, now);
        // min(2 × delay, Max) without overflowing TimeSpan.
        var doubled = entry.Delay.Ticks > Max.Ticks / 2 ? Max : entry.Delay * 2;
        return new BackoffEntry(doubled, now);
    }

    /// <summary>Whether less than the delay has passed from <paramref name="eventTime"/> (e.g. a container's
    /// finishedAt) to now.</summary>
    public bool IsInBackOffSince(BackoffEntry? entry, DateTimeOffset eventTime, DateTimeOffset now) =>
        entry is not null && !HasExpired(entry, eventTime) && now - eventTime < entry.Delay;

    /// <summary>Whether less than the delay has passed from the entry's last update to <paramref name="eventTime"/>.</summary>
    public bool IsInBackOffSinceUpdate(BackoffEntry? entry, DateTimeOffset eventTime) =>
        entry is not null && !HasExpired(entry, eventTime) && eventTime - entry.LastUpdate < entry.Delay;
}
