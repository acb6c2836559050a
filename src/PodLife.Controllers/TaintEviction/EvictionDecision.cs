namespace PodLife.Controllers.TaintEviction;

/// <summary>What the taint eviction controller does with one pod: nothing (cancel any scheduled eviction), or evict at a time.</summary>
public readonly record struct EvictionDecision(DateTimeOffset? EvictAt)
{
    public static readonly EvictionDecision None = new(null);

    public bool Evicts => EvictAt is not null;
}
