using System.Collections.Concurrent;

namespace PodLife.Store.Watching;

/// <summary>
/// Puts a watch cache in front of any store: all watchers of one prefix share one upstream watch, fed
/// into a ring of recent changes. Watchers that start (or fall) behind the ring get their own upstream
/// watch from their revision, so nobody misses a change. Every other call goes straight through.
/// </summary>
public sealed class WatchCacheStore(IStore inner, int capacityPerPrefix = 16 * 1024) : IStore
{
    readonly ConcurrentDictionary<string, Lazy<Task<PrefixFeed>>> _feeds = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _closing = new();

    sealed record PrefixFeed(EventRing Ring, Task Pump);

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => inner.CurrentRevisionAsync(ct);
    public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default) => inner.GetAsync(key, ct);
    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default) => inner.ListAsync(prefix, options, ct);
    public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => inner.CreateAsync(key, value, ct);
    public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) => inner.UpdateAsync(key, value, expectedRevision, ct);
    public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) => inner.DeleteAsync(key, expectedRevision, ct);
    public ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default) => inner.WriteAsync(writes, ct);
    public ValueTask CompactAsync(long revision, CancellationToken ct = default) => inner.CompactAsync(revision, ct);

    public async IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var feed = await FeedAsync(prefix);
        await foreach (var e in RingFollower.FollowAsync(feed.Ring, prefix, afterRevision, (after, _, c) => inner.WatchAsync(prefix, after, c), ct))
            yield return e;
    }

    async Task<PrefixFeed> FeedAsync(string prefix)
    {
        ObjectDisposedException.ThrowIf(_closing.IsCancellationRequested, this);
        var lazy = _feeds.GetOrAdd(prefix, p => new Lazy<Task<PrefixFeed>>(() => StartFeedAsync(p)));
        try { return await lazy.Value; }
        catch
        {
            _feeds.TryRemove(new(prefix, lazy)); // let the next watcher try again
            throw;
        }
    }

    async Task<PrefixFeed> StartFeedAsync(string prefix)
    {
        var head = await inner.CurrentRevisionAsync(_closing.Token);
        var ring = new EventRing(capacityPerPrefix, head);
        return new PrefixFeed(ring, Task.Run(() => PumpAsync(prefix, head, ring)));
    }

    // The one upstream watch of a prefix. If it ends, its watchers learn why and the next watcher starts a new one.
    async Task PumpAsync(string prefix, long head, EventRing ring)
    {
        try
        {
            await FeedRingAsync(inner.WatchAsync(prefix, head, _closing.Token), ring);
            ring.Fail(new StoreUnavailableException($"the upstream watch of {prefix} ended"));
        }
        catch (Exception ex)
        {
            ring.Fail(ex is OperationCanceledException ? new ObjectDisposedException(nameof(WatchCacheStore)) : ex);
        }
        if (_feeds.TryGetValue(prefix, out var current) && current.IsValueCreated && current.Value.IsCompletedSuccessfully
            && current.Value.Result.Ring == ring)
            _feeds.TryRemove(new(prefix, current));
    }

    /// <summary>
    /// Appends the upstream events to the ring, those that have already arrived together. The writes of one etcd transaction
    /// share a revision and arrive in one response; a watcher that has read revision R goes on after R, so they must
    /// reach the ring at once, never one of them before the ring's head says R is complete.
    /// </summary>
    internal static async Task FeedRingAsync(IAsyncEnumerable<WatchEvent> upstream, EventRing ring)
    {
        const int MaxBatch = 256;
        var pending = new List<WatchEvent>();
        await using var events = upstream.GetAsyncEnumerator();
        var step = events.MoveNextAsync();
        while (await step)
        {
            var e = events.Current;
            if (pending.Count >= MaxBatch && e.Revision != pending[^1].Revision) Flush();
            pending.Add(e);
            step = events.MoveNextAsync();
            if (!step.IsCompleted) Flush();
        }
        Flush();

        void Flush()
        {
            if (pending.Count == 0) return;
            ring.Append(pending, pending[^1].Revision);
            pending.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        foreach (var feed in _feeds.Values)
            if (feed.IsValueCreated && feed.Value.IsCompletedSuccessfully) await feed.Value.Result.Pump;
        await inner.DisposeAsync();
        _closing.Dispose();
    }
}
