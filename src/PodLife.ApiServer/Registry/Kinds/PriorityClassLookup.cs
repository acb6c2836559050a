using k8s.Models;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>Finds PriorityClasses for Priority admission, from <see cref="PriorityClassCache"/> (kube-apiserver reads them from an informer).</summary>
static class PriorityClassLookup
{
    public static ResourceDefinition Definition(ResourceStorage storage) =>
        storage.Catalog.Find("scheduling.k8s.io", "v1", "priorityclasses")
        ?? throw new InvalidOperationException("priorityclasses are not served");

    public static async Task<V1PriorityClass?> FindAsync(ResourceStorage storage, string name, CancellationToken ct)
    {
        if ((await storage.PriorityClasses.GetAsync(ct)).ByName.TryGetValue(name, out var cached)) return cached;
        // Not among the listed ones: it may have been created on another server a moment ago.
        var def = Definition(storage);
        var kv = await storage.Store.GetAsync(def.Key("", name), ct);
        return kv is null ? null : ObjectCodec.As<V1PriorityClass>(ResourceStorage.Read(def, kv));
    }

    public static async Task<V1PriorityClass?> GlobalDefaultAsync(ResourceStorage storage, CancellationToken ct) =>
        (await storage.PriorityClasses.GetAsync(ct)).GlobalDefault;
}
