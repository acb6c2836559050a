using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace PodLife.Store.Memory;

/// <summary>An in-process store with the same semantics as the durable ones, for fast tests.</summary>
public sealed class MemoryStore : IStore
{
    readonly Lock _lock = new();
    readonly SortedDictionary<string, KeyValue> _live = new(StringComparer.Ordinal);
    // Every change after the compaction point, in revision order (the history watches resume from).
    readonly List<WatchEvent> _log = [];
    readonly List<Subscriber> _subscribers = [];
    long _revision;
    long _compacted;

    sealed record Subscriber(string Prefix, Channel<WatchEvent> Channel);

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default)
    {
        lock (_lock) return ValueTask.FromResult(_revision);
    }

    public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default)
    {
        lock (_lock) return ValueTask.FromResult(_live.GetValueOrDefault(key));
    }

    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var revision = options.Revision == 0 ? _revision : options.Revision;
            if (revision < _compacted) throw new CompactedException(revision, _compacted);
            if (revision > _revision) revision = _revision;

            var snapshot = SnapshotAt(revision, prefix);
            var after = options.Continue is null ? snapshot : snapshot.Where(kv => string.CompareOrdinal(kv.Key, options.Continue) > 0).ToList();
            var page = options.Limit > 0 ? after.Take(options.Limit).ToList() : after;
            var remaining = after.Count - page.Count;
            return ValueTask.FromResult(new ListResult(page, revision, remaining > 0 ? page[^1].Key : null, remaining));
        }
    }

    // Live values under prefix as they were at `revision`: undo newer changes from the log.
    List<KeyValue> SnapshotAt(long revision, string prefix)
    {
        var state = new SortedDictionary<string, KeyValue>(StringComparer.Ordinal);
        foreach (var (k, v) in _live) if (k.StartsWith(prefix, StringComparison.Ordinal)) state[k] = v;
        for (var i = _log.Count - 1; i >= 0 && _log[i].Revision > revision; i--)
        {
            var e = _log[i];
            if (!e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (e.Previous is null || e.Type == WatchEventType.Added) state.Remove(e.Kv.Key);
            else state[e.Kv.Key] = e.Previous;
        }
        return [.. state.Values];
    }

    public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (_live.ContainsKey(key)) throw new KeyExistsException(key);
            var kv = new KeyValue(key, value, ++_revision, _revision);
            _live[key] = kv;
            Publish(new WatchEvent(WatchEventType.Added, kv, null));
            return ValueTask.FromResult(kv);
        }
    }

    public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var current = _live.GetValueOrDefault(key) ?? throw new KeyNotFoundInStoreException(key);
            if (expectedRevision != 0 && current.ModRevision != expectedRevision)
                throw new ConflictException(key, expectedRevision, current);
            var kv = new KeyValue(key, value, current.CreateRevision, ++_revision);
            _live[key] = kv;
            Publish(new WatchEvent(WatchEventType.Modified, kv, current));
            return ValueTask.FromResult(kv);
        }
    }

    public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var current = _live.GetValueOrDefault(key) ?? throw new KeyNotFoundInStoreException(key);
            if (expectedRevision != 0 && current.ModRevision != expectedRevision)
                throw new ConflictException(key, expectedRevision, current);
            _live.Remove(key);
            var tombstone = current with { ModRevision = ++_revision };
            Publish(new WatchEvent(WatchEventType.Deleted, tombstone, current));
            return ValueTask.FromResult(tombstone);
        }
    }

    void Publish(WatchEvent e)
    {
        _log.Add(e);
        foreach (var s in _subscribers)
            if (e.Kv.Key.StartsWith(s.Prefix, StringComparison.Ordinal)) s.Channel.Writer.TryWrite(e);
    }

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var subscriber = new Subscriber(prefix, Channel.CreateUnbounded<WatchEvent>(new() { SingleReader = true }));
        List<WatchEvent> backlog;
        lock (_lock)
        {
            if (afterRevision < _compacted) throw new CompactedException(afterRevision, _compacted);
            backlog = [.. _log.Where(e => e.Revision > afterRevision && e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal))];
            _subscribers.Add(subscriber);
        }
        try
        {
            foreach (var e in backlog) yield return e;
            await foreach (var e in subscriber.Channel.Reader.ReadAllAsync(ct)) yield return e;
        }
        finally
        {
            lock (_lock) _subscribers.Remove(subscriber);
        }
    }

    public ValueTask CompactAsync(long revision, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (revision <= _compacted) return ValueTask.CompletedTask;
            revision = Math.Min(revision, _revision);
            _log.RemoveAll(e => e.Revision <= revision);
            _compacted = revision;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            foreach (var s in _subscribers) s.Channel.Writer.TryComplete();
            _subscribers.Clear();
        }
        return ValueTask.CompletedTask;
    }
}
