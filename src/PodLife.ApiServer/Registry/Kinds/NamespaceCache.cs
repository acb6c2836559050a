using PodLife.Store;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// The namespaces that every namespaced create checks (NamespaceLifecycle admission), from one list kept until one changes.
/// A namespace missing from the list is looked up in the store, as kube's admission does when its informer has not seen
/// it yet (created on another server a moment ago).
/// </summary>
sealed class NamespaceCache(IStore store, ResourceDefinition def)
{
    /// <summary>Where a namespace stands for a create in it.</summary>
    public enum State { Missing, Active, Terminating }

    readonly StoreListCache<Dictionary<string, bool>> _cache = new(store, def.KeyPrefix(""), items =>
        items.Select(kv => ResourceStorage.Read(def, kv)).ToDictionary(ns => ns.Name(), ns => ns.IsDeleting(), StringComparer.Ordinal));

    public async Task<State> StateAsync(string name, CancellationToken ct)
    {
        if ((await _cache.GetAsync(ct)).TryGetValue(name, out var terminating)) return terminating ? State.Terminating : State.Active;
        var kv = await store.GetAsync(def.Key("", name), ct);
        return kv is null ? State.Missing : ResourceStorage.Read(def, kv).IsDeleting() ? State.Terminating : State.Active;
    }

    /// <summary>A namespace was written through this server: the next read lists them again.</summary>
    public void Changed() => _cache.Changed();
}
