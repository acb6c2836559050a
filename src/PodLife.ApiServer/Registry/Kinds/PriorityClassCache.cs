using k8s.Models;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>The PriorityClasses that Priority admission reads on every pod create, from one list kept until one changes.</summary>
sealed class PriorityClassCache(IStore store, ResourceDefinition def)
{
    /// <summary>The classes by name and the global default among them, as of one list.</summary>
    public sealed record Snapshot(IReadOnlyDictionary<string, V1PriorityClass> ByName, V1PriorityClass? GlobalDefault);

    readonly StoreListCache<Snapshot> _cache = new(store, def.KeyPrefix(""), items =>
    {
        var classes = items.Select(kv => ObjectCodec.As<V1PriorityClass>(ResourceStorage.Read(def, kv))).ToList();
        return new Snapshot(classes.Where(c => c.Metadata?.Name is not null).ToDictionary(c => c.Metadata.Name, StringComparer.Ordinal),
            PriorityAdmission.GlobalDefault(classes));
    });

    public Task<Snapshot> GetAsync(CancellationToken ct) => _cache.GetAsync(ct);

    /// <summary>A PriorityClass was written through this server: the next read lists them again.</summary>
    public void Changed() => _cache.Changed();
}
