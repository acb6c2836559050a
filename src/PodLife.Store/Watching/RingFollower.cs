using System.Runtime.CompilerServices;

namespace PodLife.Store.Watching;

/// <summary>Reads one watcher's changes from an <see cref="EventRing"/>, falling back to older history when behind.</summary>
static class RingFollower
{
    /// <summary>
    /// Changes under <paramref name="prefix"/> after <paramref name="after"/>, forever. When the ring no longer
    /// reaches back far enough, <paramref name="catchUp"/>(after, upTo) must yield every matching change in
    /// (after, upTo] from the backend's history (or throw <see cref="CompactedException"/>) and then end.
    /// </summary>
    public static async IAsyncEnumerable<WatchEvent> FollowAsync(
        EventRing ring, string prefix, long after,
        Func<long, long, CancellationToken, IAsyncEnumerable<WatchEvent>> catchUp,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = new List<WatchEvent>();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            batch.Clear();
            if (!ring.TryRead(prefix, after, batch, out var next, out var changed))
            {
                var upTo = ring.Head;
                await foreach (var e in catchUp(after, upTo, ct)) yield return e;
                after = upTo;
                continue;
            }
            foreach (var e in batch) yield return e;
            after = next;
            if (batch.Count == 0) await changed.WaitAsync(ct);
        }
    }
}
