using Microsoft.Extensions.Logging;
using PodLife.Store;

namespace PodLife.ApiServer.History;

public sealed partial class PodHistoryRecorder
{
    static readonly string TimelinePrefix = Timelines.KeyPrefix("");

    readonly Lock _seedLock = new();
    // The one scan of every timeline, at start-up: it tells the index what was deleted before this server ran, and the
    // revision it read at is where the watch of everyone's writes takes over.
    Task<long>? _seeding;

    /// <summary>How many timelines the index holds as deleted (those the sweep will look at when due).</summary>
    public int DeletedTimelines => _deleted.Count;

    /// <summary>
    /// Deletes the timelines of pods deleted longer than the retention ago; returns how many. Reads only those the index
    /// says are due, each once more from the store, which has the last word (a pod of the same name may have been created
    /// or deleted again since): the timelines of live pods are not read.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await SeedAsync(ct);
        var now = clock.GetUtcNow();
        var deleted = 0;
        foreach (var (key, seen) in _deleted.Due(now, options.Retention))
        {
            // Not while a flush writes: each owns the cache entries of the timelines it writes.
            await _flushing.WaitAsync(ct);
            try
            {
                var kv = await store.GetAsync(key, ct);
                if (kv is null)
                {
                    _deleted.Drop(key, seen);
                    continue;
                }
                var deletedAt = TimelineDeletion.Read(kv.Value);
                _deleted.Saw(key, kv.ModRevision, deletedAt);
                if (deletedAt is not { } gone || now - gone < options.Retention) continue;
                try
                {
                    var removed = await store.DeleteAsync(key, kv.ModRevision, ct);
                    _deleted.Gone(key, Math.Max(removed.ModRevision, kv.ModRevision + 1));
                    deleted++;
                }
                catch (StoreException e) when (e is ConflictException or KeyNotFoundInStoreException)
                {
                    // Written or removed since the read: the next sweep looks again.
                }
                finally
                {
                    _cache.Forget(key);
                }
            }
            finally
            {
                _flushing.Release();
            }
        }
        return deleted;
    }

    Task<long> SeedAsync(CancellationToken ct)
    {
        lock (_seedLock)
        {
            // A failed or cancelled scan is tried again by the next caller.
            if (_seeding is null || _seeding.IsFaulted || _seeding.IsCanceled) _seeding = ScanAsync(ct);
            return _seeding;
        }
    }

    /// <summary>Reads every timeline's deletion time into the index; returns the revision it read at.</summary>
    async Task<long> ScanAsync(CancellationToken ct)
    {
        var page = await store.ListAsync(TimelinePrefix, ListOptions.All, ct);
        foreach (var kv in page.Items) _deleted.Saw(kv.Key, kv.ModRevision, TimelineDeletion.Read(kv.Value));
        return page.Revision;
    }

    /// <summary>
    /// Keeps the index up to date with the timelines other servers write on the same store, from the start-up scan on;
    /// when the watch ends (the store's history compacted past it, the store failing) scans again and follows from there.
    /// </summary>
    async Task FollowAsync(CancellationToken ct)
    {
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var after = first ? await SeedAsync(ct) : await ScanAsync(ct);
                first = false;
                await foreach (var e in store.WatchAsync(TimelinePrefix, after, ct))
                {
                    if (e.Type == WatchEventType.Deleted) _deleted.Gone(e.Kv.Key, e.Revision);
                    else _deleted.Saw(e.Kv.Key, e.Revision, TimelineDeletion.Read(e.Kv.Value));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log?.LogDebug(e, "the watch of pod timelines ended; scanning them again");
            }
            try { await Task.Delay(TimeSpan.FromSeconds(1), clock, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// Writes what waits <see cref="HistoryOptions.FlushInterval"/> after it came, and sweeps every
    /// <see cref="HistoryOptions.SweepInterval"/> until cancelled, following the timelines' changes meanwhile. The owner
    /// calls <see cref="FlushAsync(CancellationToken)"/> once more when no more writes come.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var flushing = Task.Run(() => RunFlushesAsync(ct), CancellationToken.None);
        var following = Task.Run(() => FollowAsync(ct), CancellationToken.None);
        using var timer = new PeriodicTimer(options.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await SweepAsync(ct); }
                catch (StoreException) { }
            }
        }
        catch (OperationCanceledException) { }
        await following;
        await flushing;
    }
}
