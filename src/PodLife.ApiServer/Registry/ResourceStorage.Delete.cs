using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

public sealed partial class ResourceStorage
{
    /// <summary>
    /// DELETE as kube-apiserver does it (registry/generic/registry/store.go Delete): a graceful delete sets
    /// deletionTimestamp and keeps the object; finalizers keep it until they are removed; otherwise it goes at once.
    /// </summary>
    public Task<StoredObject> DeleteAsync(ResourceDefinition def, string ns, string name, DeleteRequest request, CancellationToken ct) =>
        DeleteAsync(def, ns, name, request, listed: null, ct);

    /// <summary><paramref name="listed"/>: the object as just listed, tried first instead of reading it again.</summary>
    async Task<StoredObject> DeleteAsync(ResourceDefinition def, string ns, string name, DeleteRequest request, KeyValue? listed, CancellationToken ct)
    {
        // NamespaceLifecycle admission: the system namespaces cannot be deleted.
        if (def.Resource == "namespaces" && name is "default" or "kube-system" or "kube-public")
            throw Errors.Forbidden("", "namespaces", name, "this namespace may not be deleted");
        if (def.Resource == "priorityclasses" && SystemPriorityClasses.IsSystem(name))
            throw Errors.Forbidden(def.Group, def.Resource, name, "this is a system priority class and cannot be deleted");
        for (var attempt = 0; ; attempt++)
        {
            var (obj, kv) = attempt == 0 && listed is not null ? (Read(def, listed), listed) : await GetAsync(def, ns, name, ct);
            CheckPreconditions(def, obj, request);
            if (request.DryRun) return StoredObject.Of(obj, def);
            try
            {
                return await DeleteOnceAsync(def, ns, obj, kv, request, ct);
            }
            catch (ConflictException) when (attempt < 10)
            {
            }
            catch (KeyNotFoundInStoreException)
            {
                throw Errors.NotFound(def.Group, def.Resource, name);
            }
        }
    }

    async Task<StoredObject> DeleteOnceAsync(ResourceDefinition def, string ns, JsonObject obj, KeyValue kv, DeleteRequest request, CancellationToken ct)
    {
        var key = def.Key(ns, obj.Name());
        var meta = obj.Metadata();
        var grace = def.Strategy.GracePeriod(obj, request.GracePeriodSeconds);
        var currentGrace = ObjectMeta.Long(meta["deletionGracePeriodSeconds"]);
        if (grace > 0 || obj.Finalizers().Count > 0)
        {
            // A second delete may only shorten the grace period (BeforeDelete).
            if (currentGrace is { } c && c <= grace) return StoredObject.Of(obj, def);
            if (grace > 0 || currentGrace is null)
            {
                var old = (JsonObject)obj.DeepClone();
                meta["deletionTimestamp"] = ObjectMeta.Timestamp(Now.AddSeconds(grace));
                meta["deletionGracePeriodSeconds"] = grace;
                var encoded = Write(def, obj);
                return Written(def, obj, encoded, await CommitAsync(def, old, obj, StoreWrite.Update(key, encoded.Bytes, kv.ModRevision), ct));
            }
            if (obj.Finalizers().Count > 0)
            {
                meta["deletionGracePeriodSeconds"] = 0;
                var encoded = Write(def, obj);
                var kept = await store.UpdateAsync(key, encoded.Bytes, kv.ModRevision, ct);
                if (def.Resource == "namespaces") _namespaces?.Changed();
                return Written(def, obj, encoded, kept);
            }
        }
        if (def.Resource == "namespaces") await DeleteNamespaceContentsAsync(obj, kv, ct);
        var deleted = Read(def, await CommitAsync(def, obj, null, StoreWrite.Delete(key, def.Resource == "namespaces" ? 0 : kv.ModRevision), ct));
        await def.Strategy.AfterDeleteAsync(this, deleted, ct);
        return StoredObject.Of(deleted, def);
    }

    static void CheckPreconditions(ResourceDefinition def, JsonObject obj, DeleteRequest request)
    {
        if (request.PreconditionUid is { } uid && uid != obj.Uid())
            throw Errors.Conflict(def.Group, def.Resource, obj.Name(),
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {obj.Uid()}");
        if (request.PreconditionResourceVersion is { } rv && rv != obj.ResourceVersion())
            throw Errors.Conflict(def.Group, def.Resource, obj.Name(),
                $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {obj.ResourceVersion()}");
    }

    // The namespace controller's work, done at once: mark the namespace Terminating, then remove everything in it.
    async Task DeleteNamespaceContentsAsync(JsonObject ns, KeyValue kv, CancellationToken ct)
    {
        ns.Metadata()["deletionTimestamp"] = ObjectMeta.Timestamp(Now);
        ns.Metadata()["deletionGracePeriodSeconds"] = 0;
        ns["status"] = new JsonObject { ["phase"] = "Terminating" };
        await store.UpdateAsync(kv.Key, Write(catalog.Namespaces, ns).Bytes, kv.ModRevision, ct);
        _namespaces?.Changed();
        foreach (var prefix in catalog.All.Where(d => d.Namespaced).Select(d => d.KeyPrefix(ns.Name())).Distinct())
        {
            var page = await store.ListAsync(prefix, ListOptions.All, ct);
            foreach (var item in page.Items)
            {
                try { await store.DeleteAsync(item.Key, 0, ct); }
                catch (KeyNotFoundInStoreException) { }
            }
        }
    }

    /// <summary>
    /// How many objects a DELETE on a collection deletes side by side (kube-apiserver's --delete-collection-workers): one at
    /// a time, each delete waited for its own commit; side by side, their commits share the store's group commit.
    /// </summary>
    const int DeleteCollectionWorkers = 16;

    /// <summary>
    /// DELETE on a collection: deletes each listed object with the same options; returns what was deleted, in list order,
    /// each already encoded as an item of the answer's list. Each object is kept only as those bytes from its delete on,
    /// and its stored value is let go: deleting 100,000 pods held as JSON trees until the answer took gigabytes.
    /// </summary>
    public async Task<List<byte[]>> DeleteCollectionAsync(ResourceDefinition def, string ns, ListRequest list, DeleteRequest request, CancellationToken ct)
    {
        var pending = await ListValuesAsync(def, ns, list, ct);
        var deleted = new byte[]?[pending.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = DeleteCollectionWorkers, CancellationToken = ct };
        await Parallel.ForEachAsync(Enumerable.Range(0, pending.Length), options, async (i, c) =>
        {
            var kv = pending[i]!;
            pending[i] = null;
            var obj = Read(def, kv);
            try { deleted[i] = (await DeleteAsync(def, obj.Namespace(), obj.Name(), request, kv, c)).EncodeListItem(); }
            catch (StatusException e) when (e.Code == 404) { }
        });
        return [.. deleted.OfType<byte[]>()];
    }

    async Task<KeyValue?[]> ListValuesAsync(ResourceDefinition def, string ns, ListRequest list, CancellationToken ct) =>
        [.. (await ListAsync(def, ns, list with { Limit = 0, Continue = null }, ct)).Items.Select(i => i.Kv)];
}
