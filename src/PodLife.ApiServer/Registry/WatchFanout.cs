using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// The one store watch of a resource, shared by all its HTTP watches (kube-apiserver's cacher): each change is handed
/// only to the watches that can match it. Watches whose selector pins spec.nodeName (pods) or metadata.name are indexed
/// by that value and get a change only when its new or previous object has it; every other watch gets every change.
/// With 100 nodes watching their pods, a pod change wakes its node's watch (two, on a binding) instead of all 100.
/// </summary>
public sealed class WatchFanout
{
    readonly IStore _store;
    readonly ResourceDefinition _def;
    readonly int _buffer;
    readonly Action<WatchFanout> _stopped;
    readonly Lock _lock = new();
    readonly HashSet<WatchSubscription> _everyone = [];
    readonly Dictionary<string, HashSet<WatchSubscription>> _byName = new(StringComparer.Ordinal);
    readonly Dictionary<string, HashSet<WatchSubscription>> _byNodeName = new(StringComparer.Ordinal);
    readonly CancellationTokenSource _stop = new();
    readonly List<WatchSubscription> _overflowed = [];
    long _position;
    int _count;
    bool _ended;

    /// <summary>Starts the shared watch of <paramref name="def"/> after revision <paramref name="start"/>.</summary>
    public WatchFanout(IStore store, ResourceDefinition def, long start, int buffer, Action<WatchFanout> stopped)
    {
        _store = store;
        _def = def;
        _buffer = buffer;
        _stopped = stopped;
        _position = start;
        Pump = Task.Run(() => PumpAsync(start));
    }

    public ResourceDefinition Definition => _def;

    /// <summary>The shared store watch; ends when the fan-out stops or the store watch fails.</summary>
    public Task Pump { get; }

    /// <summary>False once the shared watch ended: a new watch needs a new fan-out.</summary>
    public bool Running
    {
        get { lock (_lock) return !_ended; }
    }

    /// <summary>The number of watches handed changes now.</summary>
    public int Count
    {
        get { lock (_lock) return _count; }
    }

    /// <summary>
    /// Adds a watch of the changes under <paramref name="prefix"/> after revision <paramref name="after"/>. The changes
    /// this fan-out has handed out already (up to its position) are left to the watch to read from the store's history;
    /// it is handed every later one it can match, and none at or before <paramref name="after"/>.
    /// </summary>
    public WatchSubscription? Add(string prefix, WatchRoute route, long after, Action<WatchSubscription> release)
    {
        lock (_lock)
        {
            if (_ended) return null;
            var subscription = new WatchSubscription(prefix, route, Math.Max(after, _position), _buffer, release);
            if (!Bucket(route, create: true)!.Add(subscription)) throw new InvalidOperationException("subscription added twice");
            _count++;
            return subscription;
        }
    }

    /// <summary>Takes a watch out; returns the number of watches left.</summary>
    public int Remove(WatchSubscription subscription)
    {
        lock (_lock)
        {
            Forget(subscription);
            subscription.End();
            return _count;
        }
    }

    /// <summary>Ends the shared store watch (its watches end too).</summary>
    public void Stop() => _stop.Cancel();

    void Forget(WatchSubscription subscription)
    {
        if (Bucket(subscription.Route, create: false) is not { } bucket || !bucket.Remove(subscription)) return;
        _count--;
        if (bucket.Count == 0 && !ReferenceEquals(bucket, _everyone)) Index(subscription.Route.Field)!.Remove(subscription.Route.Value);
    }

    HashSet<WatchSubscription>? Bucket(WatchRoute route, bool create)
    {
        if (Index(route.Field) is not { } index) return _everyone;
        if (index.TryGetValue(route.Value, out var bucket)) return bucket;
        if (!create) return null;
        return index[route.Value] = [];
    }

    Dictionary<string, HashSet<WatchSubscription>>? Index(PinnedField field) => field switch
    {
        PinnedField.Name => _byName,
        PinnedField.NodeName => _byNodeName,
        _ => null,
    };

    async Task PumpAsync(long start)
    {
        try
        {
            await foreach (var e in _store.WatchAsync(_def.KeyPrefix(""), start, _stop.Token)) Dispatch(e);
        }
        catch (Exception)
        {
            // Stopped, or the store watch failed: every watch ends and its client watches again from its last
            // resourceVersion (a new fan-out, or 410 Expired if that is compacted by then).
        }
        lock (_lock)
        {
            _ended = true;
            foreach (var s in All()) s.End();
        }
        _stopped(this);
    }

    IEnumerable<WatchSubscription> All() =>
        _everyone.Concat(_byName.Values.SelectMany(b => b)).Concat(_byNodeName.Values.SelectMany(b => b));

    void Dispatch(WatchEvent e)
    {
        lock (_lock)
        {
            // The node names are read from the change's bytes only while a watch is routed by one (a kubelet's): decided
            // under the lock, with the position, so a watch routed by node name added at any moment is either handed
            // this change with them or reads it from the store's history.
            string? node = null, previousNode = null;
            if (_byNodeName.Count > 0 && WatchRoute.IndexesNodeName(_def))
            {
                node = WatchRoute.NodeNameOf(e.Kv);
                if (e.Type == WatchEventType.Modified && e.Previous is { } previous) previousNode = WatchRoute.NodeNameOf(previous);
            }
            var change = new RoutedChange(e, WatchRoute.NameOf(e.Kv.Key), node, previousNode);
            _position = e.Revision;
            HandAll(_everyone, change);
            if (_byName.TryGetValue(change.Name, out var named)) HandAll(named, change);
            if (node is not null && _byNodeName.TryGetValue(node, out var onNode)) HandAll(onNode, change);
            if (previousNode is not null && previousNode != node && _byNodeName.TryGetValue(previousNode, out var wasOnNode)) HandAll(wasOnNode, change);
            if (_overflowed.Count == 0) return;
            foreach (var s in _overflowed) Forget(s);
            _overflowed.Clear();
        }
    }

    void HandAll(HashSet<WatchSubscription> bucket, RoutedChange change)
    {
        var e = change.Event;
        foreach (var s in bucket)
        {
            if (e.Revision <= s.CatchUpThrough || !e.Kv.Key.StartsWith(s.Prefix, StringComparison.Ordinal)) continue;
            if (!s.TryHand(change)) _overflowed.Add(s);
        }
    }
}
