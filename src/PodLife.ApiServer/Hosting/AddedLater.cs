namespace PodLife.ApiServer.Hosting;

/// <summary>
/// Items added while the server already runs (node connectors that <c>podlife up</c> adds once its nodes exist), read
/// as snapshots by the requests that use them.
/// </summary>
public sealed class AddedLater<T> where T : class
{
    readonly List<T> _items = [];
    readonly Lock _lock = new();

    public void Add(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock) _items.Add(item);
    }

    public T[] Snapshot()
    {
        lock (_lock) return [.. _items];
    }
}
