using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// kube-apiserver's generic registry over <see cref="IStore"/>: objects are stored as JSON without their
/// resourceVersion (the store revision is the resourceVersion), in the stored form of their kind.
/// </summary>
public sealed partial class ResourceStorage(IStore store, ResourceCatalog catalog, TimeProvider clock)
{
    public IStore Store => store;
    public ResourceCatalog Catalog => catalog;
    public DateTimeOffset Now => clock.GetUtcNow();
    /// <summary>Takes part in every object write (the lifecycle history), if set.</summary>
    public IWriteObserver? Observer { get; init; }

    /// <summary>Stores one object write (<paramref name="old"/> → <paramref name="current"/>), through the observer if there is one.</summary>
    async Task<KeyValue> CommitAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, StoreWrite write, CancellationToken ct)
    {
        var kv = Observer is { } observer
            ? await observer.WriteAsync(def, old, current, write, ct)
            : (await store.WriteAsync([write], ct))[0];
        if (def is { Group: "scheduling.k8s.io", Resource: "priorityclasses" }) _priorityClasses?.Changed();
        if (def is { Group: "", Resource: "namespaces" }) _namespaces?.Changed();
        return kv;
    }

    Kinds.NamespaceCache? _namespaces;

    /// <summary>The namespaces every namespaced create checks.</summary>
    Kinds.NamespaceCache Namespaces =>
        LazyInitializer.EnsureInitialized(ref _namespaces, () => new Kinds.NamespaceCache(store, catalog.Namespaces));

    Kinds.PriorityClassCache? _priorityClasses;

    /// <summary>The PriorityClasses Priority admission reads on every pod create.</summary>
    internal Kinds.PriorityClassCache PriorityClasses =>
        LazyInitializer.EnsureInitialized(ref _priorityClasses, () => new Kinds.PriorityClassCache(store, Kinds.PriorityClassLookup.Definition(this)));

    /// <summary>The object as the definition's view shows it, with its resourceVersion.</summary>
    public static JsonObject Read(ResourceDefinition def, KeyValue kv)
    {
        var obj = JsonNode.Parse(kv.Value)!.AsObject();
        obj.Metadata()["resourceVersion"] = kv.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return def.View is null ? obj : def.View.FromStored(obj);
    }

    /// <summary>
    /// The bytes to store for an object; for a kind with a view, also the stored form that they encode, which
    /// <see cref="Written"/> answers from instead of parsing the bytes back.
    /// </summary>
    readonly record struct Encoding(byte[] Bytes, JsonObject? Stored);

    static Encoding Write(ResourceDefinition def, JsonObject obj)
    {
        if (def.View is not null)
        {
            var stored = def.View.ToStored(obj);
            stored.Metadata().Remove("resourceVersion");
            return new(ObjectCodec.Utf8(stored), stored);
        }
        // Encoded without its resourceVersion and without a copy of the tree; the caller sets the new one (Written).
        obj.Metadata().Remove("resourceVersion");
        return new(ObjectCodec.Utf8(obj), null);
    }

    /// <summary>
    /// The object just stored as <paramref name="kv"/>, as <see cref="Read"/> would return it, without a parse of the bytes
    /// just encoded: for a kind without a view, <paramref name="obj"/> itself (which <see cref="Write"/> encoded) with the
    /// new resourceVersion; for a kind with a view, the view of the stored form that <see cref="Write"/> encoded. With
    /// the bytes stored, which answer the write (<see cref="StoredObject.Written"/>).
    /// </summary>
    static StoredObject Written(ResourceDefinition def, JsonObject obj, Encoding written, KeyValue kv)
    {
        var version = kv.ModRevision.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The bytes this write encoded, whatever a store hands back.
        var stored = ReferenceEquals(kv.Value, written.Bytes) ? kv : kv with { Value = written.Bytes };
        if (def.View is not null && written.Stored is { } tree)
        {
            // As Read does to the parsed bytes: the resourceVersion goes last in the metadata, then the view.
            tree.Metadata()["resourceVersion"] = version;
            return StoredObject.Written(def, stored, def.View.FromStored(tree));
        }
        obj.Metadata()["resourceVersion"] = version;
        return StoredObject.Written(def, stored, obj);
    }

    /// <summary>Lets the observer store what it holds about the objects about to be read (the history's timelines).</summary>
    Task SettleAsync(ResourceDefinition def, string ns, string? name, CancellationToken ct) =>
        Observer?.SettleAsync(def, ns, name, ct) ?? Task.CompletedTask;

    public async Task<(JsonObject Object, KeyValue Kv)> GetAsync(ResourceDefinition def, string ns, string name, CancellationToken ct)
    {
        var kv = await GetValueAsync(def, ns, name, ct);
        return (Read(def, kv), kv);
    }

    /// <summary>The stored object, not parsed: a GET's answer is copied from its bytes.</summary>
    public async Task<StoredObject> GetStoredAsync(ResourceDefinition def, string ns, string name, CancellationToken ct) =>
        StoredObject.FromStore(def, await GetValueAsync(def, ns, name, ct));

    async Task<KeyValue> GetValueAsync(ResourceDefinition def, string ns, string name, CancellationToken ct)
    {
        await SettleAsync(def, ns, name, ct);
        return await store.GetAsync(def.Key(ns, name), ct) ?? throw Errors.NotFound(def.Group, def.Resource, name);
    }

    public async Task<StoredObject> CreateAsync(ResourceDefinition def, string ns, JsonObject obj, bool dryRun, CancellationToken ct)
    {
        var meta = obj.Metadata();
        CheckNamespace(def, ns, obj);
        if (def.Namespaced) await RequireActiveNamespaceAsync(def, ns, ct);
        if (obj.ResourceVersion().Length > 0) throw Errors.BadRequest("resourceVersion should not be set on objects to be created");
        if (obj.Name().Length == 0 && meta.Str("generateName") is { Length: > 0 } prefix)
            meta["name"] = GeneratedName.From(prefix, GeneratedName.RandomSuffix(Random.Shared));

        obj["apiVersion"] = def.ApiVersion;
        obj["kind"] = def.Kind;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = ObjectMeta.Timestamp(Now);
        meta.Remove("deletionTimestamp");
        meta.Remove("deletionGracePeriodSeconds");
        if (def.Strategy.TracksGeneration) meta["generation"] = 1;
        using var exclusive = await def.Strategy.ExclusiveWriteAsync(ct);
        await def.Strategy.MutateAsync(this, obj, null, ct);
        Validate(def, def.Strategy.PrepareAndValidateCreate(obj, Now), obj);
        EncodedForm.Normalize(obj, def.Codec.ModelType);
        await def.Strategy.AdmitAsync(this, obj, null, ct);
        if (dryRun) return StoredObject.Of(obj, def);

        try
        {
            var encoded = Write(def, obj);
            var kv = await CommitAsync(def, null, obj, StoreWrite.Create(def.Key(ns, obj.Name()), encoded.Bytes), ct);
            if (def.Resource == "namespaces") await CreateDefaultServiceAccountAsync(obj.Name(), ct);
            return Written(def, obj, encoded, kv);
        }
        catch (KeyExistsException)
        {
            throw Errors.AlreadyExists(def.Group, def.Resource, obj.Name());
        }
    }

    /// <summary>Every namespace has a "default" service account (the serviceaccount controller's job in Kubernetes).</summary>
    public async Task CreateDefaultServiceAccountAsync(string ns, CancellationToken ct)
    {
        var sa = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns } };
        try { await CreateAsync(catalog.ServiceAccounts, ns, sa, false, ct); }
        catch (StatusException e) when (e.Code == 409) { }
    }

    static void CheckNamespace(ResourceDefinition def, string ns, JsonObject obj)
    {
        var meta = obj.Metadata();
        if (!def.Namespaced) { meta.Remove("namespace"); return; }
        var given = obj.Namespace();
        if (given.Length == 0) meta["namespace"] = ns;
        else if (given != ns)
            throw Errors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
    }

    async Task RequireActiveNamespaceAsync(ResourceDefinition def, string ns, CancellationToken ct)
    {
        var state = await Namespaces.StateAsync(ns, ct);
        if (state == Kinds.NamespaceCache.State.Missing) throw Errors.NotFound("", "namespaces", ns);
        if (state == Kinds.NamespaceCache.State.Terminating)
            throw new StatusException(403, "Forbidden",
                $"{Errors.Qualified(def.Group, def.Resource)} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new JsonObject { ["kind"] = def.Resource });
    }

    static void Validate(ResourceDefinition def, ValidationResult result, JsonObject obj)
    {
        if (!result.IsValid) throw Errors.Invalid(result, def.Group, def.Kind, obj.Name());
    }
}
