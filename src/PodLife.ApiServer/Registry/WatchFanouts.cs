using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// The running <see cref="WatchFanout"/> of each resource: started by its first watch, stopped when its last watch ends.
/// </summary>
public sealed class WatchFanouts(IStore store, int buffer)
{
    /// <summary>
    /// Changes a watch may have waiting before it is ended (its client watches again). Generous, since a watch that
    /// ends relists; the changes are shared with the store's ring, so a waiting change costs a reference.
    /// </summary>
    public const int DefaultBuffer = 10_000;

    readonly Lock _lock = new();
    readonly Dictionary<ResourceDefinition, WatchFanout> _running = new(ReferenceEqualityComparer.Instance);

    /// <summary>Subscribes a watch of <paramref name="def"/> under <paramref name="prefix"/> to the changes after <paramref name="after"/>.</summary>
    public async ValueTask<WatchSubscription> SubscribeAsync(ResourceDefinition def, string prefix, WatchRoute route, long after, CancellationToken ct)
    {
        long? head = null;
        while (true)
        {
            lock (_lock)
            {
                if (_running.TryGetValue(def, out var fanout))
                {
                    if (fanout.Add(prefix, route, after, s => Release(fanout, s)) is { } subscription) return subscription;
                    _running.Remove(def); // its store watch ended: start another
                }
                else if (head is { } start)
                {
                    _running[def] = new WatchFanout(store, def, start, buffer, Stopped);
                    head = null;
                    continue;
                }
            }
            // A fan-out may start at any revision the store still has (its first watches read what came before from
            // the store's history); the store's current one needs no reading at all.
            head = await store.CurrentRevisionAsync(ct);
        }
    }

    void Release(WatchFanout fanout, WatchSubscription subscription)
    {
        lock (_lock)
        {
            if (fanout.Remove(subscription) > 0) return;
            Forget(fanout);
        }
        fanout.Stop();
    }

    void Stopped(WatchFanout fanout)
    {
        lock (_lock) Forget(fanout);
    }

    void Forget(WatchFanout fanout)
    {
        if (_running.TryGetValue(fanout.Definition, out var current) && current == fanout) _running.Remove(fanout.Definition);
    }

    /// <summary>The fan-out of <paramref name="def"/> now running, if any (for tests).</summary>
    internal WatchFanout? Running(ResourceDefinition def)
    {
        lock (_lock) return _running.GetValueOrDefault(def);
    }
}
