using k8s.Models;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// The PriorityClasses that Priority admission reads on every pod create, listed once and dropped on any change
/// (kube-apiserver's admission plugin reads them from an informer): a write through this server drops them at once,
/// a store watch drops them when another server writes one.
/// </summary>
sealed class PriorityClassCache(IStore store, ResourceDefinition def)
{
    /// <summary>The classes by name and the global default among them, as of one list.</summary>
    public sealed record Snapshot(IReadOnlyDictionary<string, V1PriorityClass> ByName, V1PriorityClass? GlobalDefault);

    readonly Lock _gate = new();
    Snapshot? _current;
    long _generation;
    bool _watching;

    public async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        long generation;
        lock (_gate)
        {
            if (_current is { } cached) return cached;
            generation = _generation;
        }
        var list = await store.ListAsync(def.KeyPrefix(""), ListOptions.All, ct);
        var classes = list.Items.Select(kv => ObjectCodec.As<V1PriorityClass>(ResourceStorage.Read(def, kv))).ToList();
        var snapshot = new Snapshot(classes.Where(c => c.Metadata?.Name is not null).ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal),
            PriorityAdmission.GlobalDefault(classes));
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

    /// <summary>A PriorityClass was written through this server: the next read lists them again.</summary>
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
            await foreach (var _ in store.WatchAsync(def.KeyPrefix(""), after, CancellationToken.None)) Changed();
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
