using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

public sealed partial class ResourceStorage
{
    /// <summary>
    /// PUT under the rules <paramref name="scope"/> names; a stale resourceVersion is a 409 Conflict. A PUT of an object
    /// that does not exist creates it (Created) where the kind allows it (<see cref="ResourceStrategy.AllowCreateOnUpdate"/>),
    /// and is a 404 elsewhere.
    /// </summary>
    public async Task<(StoredObject Object, bool Created)> UpdateAsync(ResourceDefinition def, string ns, string name, JsonObject obj, WriteScope scope,
        bool dryRun, CancellationToken ct)
    {
        if (obj.Name() != name)
            throw Errors.BadRequest($"the name of the object ({obj.Name()}) does not match the name on the URL ({name})");
        CheckNamespace(def, ns, obj);
        JsonObject old;
        KeyValue kv;
        try
        {
            (old, kv) = await GetAsync(def, ns, name, ct);
        }
        catch (StatusException e) when (e.Code == 404 && scope == WriteScope.Object && def.Strategy.AllowCreateOnUpdate)
        {
            // As kube's store does: the object is created as a POST would create it, whatever resourceVersion it names.
            obj.Metadata().Remove("resourceVersion");
            try
            {
                return (await CreateAsync(def, ns, obj, dryRun, ct), true);
            }
            catch (StatusException exists) when (exists.Code == 409)
            {
                // Another writer created it meanwhile: a Conflict, as for any PUT that races another writer.
                throw Errors.Conflict(def.Group, def.Resource, name, Errors.ObjectModified);
            }
        }
        var rv = obj.ResourceVersion();
        // An update without resourceVersion writes over the current object where the kind allows it (kube's store sets
        // the current version on it); elsewhere validation refuses it.
        if (rv.Length == 0 && def.Strategy.AllowUnconditionalUpdate) obj.Metadata()["resourceVersion"] = old.ResourceVersion();
        if (rv.Length > 0 && ParseResourceVersion(rv) != kv.ModRevision)
            throw Errors.Conflict(def.Group, def.Resource, name, Errors.ObjectModified);
        try
        {
            return (await ApplyUpdateAsync(def, ns, old, kv, obj, scope, dryRun, ct), false);
        }
        catch (ConflictException)
        {
            throw Errors.Conflict(def.Group, def.Resource, name, Errors.ObjectModified);
        }
    }

    /// <summary>
    /// Reads, changes and writes the object, retrying when another writer got there first (kube's GuaranteedUpdate).
    /// <paramref name="change"/> gets its own copy of the current object, which it may change and return.
    /// </summary>
    public Task<StoredObject> GuaranteedUpdateAsync(ResourceDefinition def, string ns, string name, WriteScope scope, bool dryRun,
        Func<JsonObject, JsonObject> change, CancellationToken ct) =>
        GuaranteedUpdateAsync(def, ns, name, scope, dryRun, (copy, _) => change(copy), ct);

    /// <summary>
    /// <see cref="GuaranteedUpdateAsync(ResourceDefinition, string, string, WriteScope, bool, Func{JsonObject, JsonObject}, CancellationToken)"/>,
    /// with <paramref name="change"/> also given the object as read (its second argument), which it must not change.
    /// </summary>
    public async Task<StoredObject> GuaranteedUpdateAsync(ResourceDefinition def, string ns, string name, WriteScope scope, bool dryRun,
        Func<JsonObject, JsonObject, JsonObject> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (old, kv) = await GetAsync(def, ns, name, ct);
            var next = change((JsonObject)old.DeepClone(), old);
            try
            {
                return await ApplyUpdateAsync(def, ns, old, kv, next, scope, dryRun, ct);
            }
            catch (ConflictException) when (attempt < 10)
            {
            }
            catch (ConflictException)
            {
                throw Errors.Conflict(def.Group, def.Resource, name, Errors.ObjectModified);
            }
        }
    }

    public static long ParseResourceVersion(string rv) =>
        long.TryParse(rv, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r >= 0
            ? r
            : throw Errors.BadRequest($"invalid resource version: \"{rv}\"");

    async Task<StoredObject> ApplyUpdateAsync(ResourceDefinition def, string ns, JsonObject old, KeyValue kv, JsonObject obj,
        WriteScope scope, bool dryRun, CancellationToken ct)
    {
        obj["apiVersion"] = def.ApiVersion;
        obj["kind"] = def.Kind;
        // kube's status strategies reset the spec, not the metadata: labels, annotations and finalizers written with a
        // status stand. A status patch leaves the metadata as read, so the usual status write keeps the stored one.
        var writtenMetadata = scope == WriteScope.Status && obj["metadata"] is JsonObject meta && !StoredMembers.SameEncoding(meta, old["metadata"])
            ? meta : null;
        var next = scope switch
        {
            WriteScope.Status => def.Strategy.PrepareForStatusUpdate(obj, (JsonObject)old.DeepClone()),
            WriteScope.EphemeralContainers => Kinds.PodEphemeralContainers.PrepareForUpdate(obj, (JsonObject)old.DeepClone()),
            _ => obj,
        };
        using var exclusive = scope == WriteScope.Object ? await def.Strategy.ExclusiveWriteAsync(ct) : null;
        if (scope == WriteScope.Object)
        {
            await def.Strategy.MutateAsync(this, next, old, ct);
            def.Strategy.PrepareForUpdate(next, old);
            KeepSystemMetadata(next, old, def);
            Validate(def, def.Strategy.Validator(next, old), next);
            await def.Strategy.AdmitAsync(this, next, old, ct);
        }
        else if (scope == WriteScope.Status)
        {
            if (writtenMetadata is not null) TakeStatusWriteMetadata(def, next, old, writtenMetadata);
            Validate(def, def.Strategy.ValidateStatusUpdate(next, old), next);
        }
        else if (scope == WriteScope.EphemeralContainers)
        {
            def.Strategy.PrepareForUpdate(next, old);
            KeepSystemMetadata(next, old, def);
            Validate(def, Kinds.PodEphemeralContainers.Validate(next, old), next);
        }
        // The fields that still encode as stored (a pod's spec on a status write) are in their stored form already and
        // equal to it: neither normalized nor compared node by node, which would build every node of them.
        var same = StoredMembers.SameAs(next, old);
        EncodedForm.Normalize(next, def.Codec.ModelType, same);
        next.Metadata()["resourceVersion"] = old.ResourceVersion();
        if (dryRun) return StoredObject.Of(next, def);
        // Nothing changed: nothing is written, and the answer is the stored object, as a read shows it.
        if (StoredMembers.Equal(next, old, same)) return StoredObject.FromStore(def, kv);

        var key = def.Key(ns, old.Name());
        // The last finalizer of an object being deleted is gone: the deletion completes now.
        if (next.IsDeleting() && next.Finalizers().Count == 0 && ObjectMeta.Long(next.Metadata()["deletionGracePeriodSeconds"]) is null or 0)
        {
            return StoredObject.Of(Read(def, await CommitAsync(def, old, null, StoreWrite.Delete(key, kv.ModRevision), ct)), def);
        }
        var encoded = Write(def, next);
        return Written(def, next, encoded, await CommitAsync(def, old, next, StoreWrite.Update(key, encoded.Bytes, kv.ModRevision), ct));
    }

    // The metadata written with a status replaces the stored one but for the fields only the server sets, and is
    // validated as any update's (ValidateObjectMetaUpdate, which kube's status validation starts with).
    static void TakeStatusWriteMetadata(ResourceDefinition def, JsonObject next, JsonObject old, JsonObject written)
    {
        written.Parent?.AsObject().Remove("metadata");
        next["metadata"] = written;
        KeepSystemMetadata(next, old, def);
        KeepStored(written, old.Metadata(), def.Strategy.MetadataKeptOnStatusWrite);
        written["resourceVersion"] = old.ResourceVersion();
        var errors = ObjectMetaValidation.ValidateUpdate(ObjectCodec.As<V1ObjectMeta>(written), ObjectCodec.As<V1ObjectMeta>(old.Metadata()));
        Validate(def, new ValidationResult(errors), next);
    }

    static readonly string[] SystemFields = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace"];

    // The stored values of these metadata fields (absent where the stored object has none) replace the written ones.
    static void KeepStored(JsonObject meta, JsonObject oldMeta, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            meta.Remove(field);
            if (oldMeta[field] is { } v) meta[field] = v.DeepClone();
        }
    }

    // Fields only the server sets (rest.FillObjectMetaSystemFields / BeforeUpdate); a spec change bumps generation.
    static void KeepSystemMetadata(JsonObject next, JsonObject old, ResourceDefinition def)
    {
        var meta = next.Metadata();
        var oldMeta = old.Metadata();
        KeepStored(meta, oldMeta, SystemFields);
        if (!def.Namespaced) meta.Remove("namespace");
        // An update that leaves managedFields out keeps them (fieldmanager: a nil list means "unchanged").
        if (meta["managedFields"] is null && oldMeta["managedFields"] is { } managed) meta["managedFields"] = managed.DeepClone();
        if (ObjectMeta.Long(oldMeta["generation"]) is { } g && !SameSpec(next["spec"], old["spec"]))
            meta["generation"] = g + 1;
    }

    // Most updates leave the spec as it was read, so it still encodes as stored: comparing encodings spares building
    // both specs node by node, which JsonNode.DeepEquals does (and which also finds equal specs whose keys moved).
    static bool SameSpec(JsonNode? next, JsonNode? old) => StoredMembers.SameEncoding(next, old) || JsonNode.DeepEquals(next, old);
}
