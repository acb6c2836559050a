using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// What admission reads on every create, built from one list of a key prefix and dropped on any change (kube-apiserver's
/// admission plugins read from informers): a write through this server drops it at once (<see cref="Changed"/>), a store
/// watch drops it when another server writes. For prefixes that change rarely (namespaces, PriorityClasses).
/// </summary>
sealed class StoreListCache<T>(IStore store, string prefix, Func<IReadOnlyList<KeyValue>, T> build) where T : class
{
    readonly Lock _gate = new();
    T? _current;
    long _generation;
    bool _watching;

    public async Task<T> GetAsync(CancellationToken ct)
    {
        long generation;
        lock (_gate)
        {
            if (_current is { } cached) return cached;
            generation = _generation;
        }
        var list = await store.ListAsync(prefix, ListOptions.All, ct);
        var snapshot = build(list.Items);
        lock (_gate)
        {
            // A change while listing: answer this request from its list, but keep nothing that may be stale.
            if (generation != _generation) return snapshot;
            if (!_watching)
            {
                _watching = true;
                _ = Task.Run(() => WatchAsync(list.Revision), CancellationToken.None);
            }
            _current = snapshot;
        }
        return snapshot;
    }

    /// <summary>An object under the prefix was written through this server: the next read lists again.</summary>
    public void Changed()
    {
        lock (_gate)
        {
            _generation++;
            _current = null;
        }
    }

    // Any change from any server drops the cache; when the watch ends (store closed, history compacted) nothing is
    // cached until the next read lists again and starts a new one.
    async Task WatchAsync(long after)
    {
        try
        {
            await foreach (var _ in store.WatchAsync(prefix, after, CancellationToken.None)) Changed();
        }
        catch (Exception)
        {
            // Whatever ended it (store closed, compacted, failed), the cache below is dropped and rebuilt on the next read.
        }
        lock (_gate)
        {
            _watching = false;
            _generation++;
            _current = null;
        }
    }
}
