namespace PodLife.Store;

/// <summary>What happened to a key.</summary>
public enum WatchEventType { Added, Modified, Deleted }

/// <summary>
/// One change. For <see cref="WatchEventType.Deleted"/>, <see cref="Kv"/> holds the last value and the
/// deletion's revision as its ModRevision. <see cref="Previous"/> is the value before the change, when known.
/// </summary>
public sealed record WatchEvent(WatchEventType Type, KeyValue Kv, KeyValue? Previous)
{
    public long Revision => Kv.ModRevision;
}
