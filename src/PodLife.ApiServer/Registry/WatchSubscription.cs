using System.Threading.Channels;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// One watch's place in a <see cref="WatchFanout"/>: the changes routed to it after <see cref="CatchUpThrough"/>, in
/// revision order. Changes up to and including <see cref="CatchUpThrough"/> that the watch asked for are not in
/// <see cref="Changes"/>: it reads them from the store's history. <see cref="Changes"/> completes when the fan-out
/// stops or when this watch fell too far behind (its buffer overflowed); the client then watches again.
/// </summary>
public sealed class WatchSubscription : IDisposable
{
    readonly Channel<RoutedChange> _changes;
    readonly Action<WatchSubscription> _release;

    internal WatchSubscription(string prefix, WatchRoute route, long catchUpThrough, int buffer, Action<WatchSubscription> release)
    {
        Prefix = prefix;
        Route = route;
        CatchUpThrough = catchUpThrough;
        _release = release;
        _changes = Channel.CreateBounded<RoutedChange>(new BoundedChannelOptions(buffer) { SingleReader = true });
    }

    /// <summary>The key prefix watched (a namespace's, or the whole resource's).</summary>
    public string Prefix { get; }
    public WatchRoute Route { get; }
    public long CatchUpThrough { get; }
    public ChannelReader<RoutedChange> Changes => _changes.Reader;
    /// <summary>True once the fan-out ended this watch because it did not keep up.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Hands a change over; false (and the watch ends) when the buffer is full, as kube-apiserver's cacher ends a watcher that blocks it.</summary>
    internal bool TryHand(RoutedChange change)
    {
        if (_changes.Writer.TryWrite(change)) return true;
        Overflowed = true;
        _changes.Writer.TryComplete();
        return false;
    }

    internal void End() => _changes.Writer.TryComplete();

    public void Dispose() => _release(this);
}
