namespace PodLife.Store.Sqlite;

/// <summary>
/// The current state of every key among the writer's last <c>capacity</c> committed writes: the live value it wrote
/// last, or absent when that write deleted the key. A write then takes the value it replaces (its watch event's
/// previous value, a conflict's current value), and a get its answer, from memory, the very object the watch ring
/// already holds for the earlier change, instead of reading a second copy of the bytes back from the log table. Not
/// thread-safe: the writer records, under a lock that readers take too.
/// </summary>
sealed class RecentWrites(int capacity)
{
    readonly record struct State(KeyValue? Live, long Revision);

    readonly Dictionary<string, State> _states = new(StringComparer.Ordinal);
    readonly (string Key, long Revision)[] _order = new (string, long)[capacity];
    long _count;   // writes ever recorded; slot of write n is n % capacity

    /// <summary>True when <paramref name="key"/> was written recently; <paramref name="live"/> is then its value, or null if deleted.</summary>
    public bool TryGet(string key, out KeyValue? live)
    {
        var found = _states.TryGetValue(key, out var state);
        live = state.Live;
        return found;
    }

    /// <summary>Records a write at <paramref name="revision"/>: <paramref name="live"/> is the new value, null for a delete.</summary>
    public void Record(string key, KeyValue? live, long revision)
    {
        if (_count >= _order.Length)
        {
            // Forget the oldest write unless its key has been written again since.
            var (oldKey, oldRevision) = _order[_count % _order.Length];
            if (_states.TryGetValue(oldKey, out var old) && old.Revision == oldRevision) _states.Remove(oldKey);
        }
        _order[_count++ % _order.Length] = (key, revision);
        _states[key] = new State(live, revision);
    }

    /// <summary>Keys currently known (for tests).</summary>
    internal int Count => _states.Count;
}
