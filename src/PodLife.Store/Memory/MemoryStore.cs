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

    public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) =>
        ValueTask.FromResult(WriteOne(StoreWrite.Create(key, value)));

    public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) =>
        ValueTask.FromResult(WriteOne(StoreWrite.Update(key, value, expectedRevision)));

    public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) =>
        ValueTask.FromResult(WriteOne(StoreWrite.Delete(key, expectedRevision)));

    public ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default)
    {
        StoreWrite.CheckTransaction(writes);
        lock (_lock)
        {
            // Every condition first, so that a refusal leaves the store untouched.
            foreach (var w in writes) Check(w);
            var results = new KeyValue[writes.Count];
            for (var i = 0; i < writes.Count; i++) results[i] = Apply(writes[i]);
            return ValueTask.FromResult<IReadOnlyList<KeyValue>>(results);
        }
    }

    KeyValue WriteOne(StoreWrite w)
    {
        lock (_lock)
        {
            Check(w);
            return Apply(w);
        }
    }

    void Check(StoreWrite w)
    {
        var current = _live.GetValueOrDefault(w.Key);
        if (w.Kind == StoreWriteKind.Create)
        {
            if (current is not null) throw new KeyExistsException(w.Key);
            return;
        }
        if (current is null) throw new KeyNotFoundInStoreException(w.Key);
        if (w.ExpectedRevision != 0 && current.ModRevision != w.ExpectedRevision)
            throw new ConflictException(w.Key, w.ExpectedRevision, current);
    }

    // Applies a write whose condition holds.
    KeyValue Apply(StoreWrite w)
    {
        var current = _live.GetValueOrDefault(w.Key);
        switch (w.Kind)
        {
            case StoreWriteKind.Create:
            {
                var kv = new KeyValue(w.Key, w.Value, ++_revision, _revision) { WrittenHere = true };
                _live[w.Key] = kv;
                Publish(new WatchEvent(WatchEventType.Added, kv, null));
                return kv;
            }
            case StoreWriteKind.Update:
            {
                var kv = new KeyValue(w.Key, w.Value, current!.CreateRevision, ++_revision) { WrittenHere = true };
                _live[w.Key] = kv;
                Publish(new WatchEvent(WatchEventType.Modified, kv, current));
                return kv;
            }
            default:
            {
                _live.Remove(w.Key);
                var tombstone = current! with { ModRevision = ++_revision };
                Publish(new WatchEvent(WatchEventType.Deleted, tombstone, current));
                return tombstone;
            }
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
