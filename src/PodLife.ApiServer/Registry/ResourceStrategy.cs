using System.Text.Json.Nodes;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// The per-kind rules the generic registry applies (kube-apiserver's RESTCreateStrategy / RESTUpdateStrategy /
/// RESTGracefulDeleteStrategy / TableConvertor): defaults, validation, status handling, deletion grace, columns.
/// </summary>
public class ResourceStrategy
{
    /// <summary>True when the kind has a status subresource, so main-resource writes keep the stored status.</summary>
    public bool HasStatus { get; init; }

    /// <summary>
    /// True when a create may carry the status (nodes: the kubelet registers its node with capacity and conditions;
    /// pkg/registry/core/node/strategy.go "Nodes allow *all* fields, including status, to be set on create").
    /// </summary>
    public bool StatusSettableOnCreate { get; init; }

    public ResourceTable Table { get; init; } = ResourceTable.NameAndAge;

    /// <summary>
    /// Whether objects carry metadata.generation, 1 on create and one more on each spec change (kinds whose strategy sets
    /// it in kube: pods here; services, nodes and namespaces have none).
    /// </summary>
    public bool TracksGeneration { get; init; }

    /// <summary>
    /// Whether a PUT without a resourceVersion writes over whatever is stored (kube's AllowUnconditionalUpdate: true for
    /// the core kinds, false for leases, whose holders must not overwrite each other blindly).
    /// </summary>
    public bool AllowUnconditionalUpdate { get; init; } = true;

    /// <summary>
    /// Whether a PUT of an object that does not exist creates it (kube's AllowCreateOnUpdate: true for services, endpoints,
    /// events and leases; a PUT of a missing pod, node, namespace, configmap, secret, serviceaccount or EndpointSlice is
    /// NotFound). So `kubectl replace -f` of a Service that is gone puts it back, as on a cluster.
    /// </summary>
    public bool AllowCreateOnUpdate { get; init; }

    /// <summary>Field selector paths supported besides metadata.name and metadata.namespace.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>The core's validation for the kind: (new object, old object or null on create).</summary>
    public Func<JsonObject, JsonObject?, ValidationResult> Validator { get; init; } = (_, _) => ValidationResult.Valid;

    /// <summary>
    /// The core's validation of a status write (kube's *StatusStrategy.ValidateUpdate): <paramref name="obj"/> as
    /// <see cref="PrepareForStatusUpdate"/> made it (the stored object with the written status), <paramref name="old"/>
    /// the stored object.
    /// </summary>
    public virtual ValidationResult ValidateStatusUpdate(JsonObject obj, JsonObject old) => ValidationResult.Valid;

    /// <summary>A validator from the core's typed rule for model type <typeparamref name="T"/>.</summary>
    public static Func<JsonObject, JsonObject?, ValidationResult> Validating<T>(Func<T?, T?, ValidationResult> rule) where T : class =>
        (obj, old) => rule(ObjectCodec.As<T>(obj), old is null ? null : ObjectCodec.As<T>(old));

    /// <summary>The kind's scheme defaults (pkg/apis/core/v1/defaults.go), applied to every object written.</summary>
    public Func<JsonObject, JsonObject>? Defaults { get; init; }

    /// <summary>A defaulter from the core's typed defaults for model type <typeparamref name="T"/>.</summary>
    public static Func<JsonObject, JsonObject> Defaulting<T>(Func<T, T> defaults) where T : class =>
        obj => ObjectCodec.FromModel(defaults(ObjectCodec.As<T>(obj)));

    /// <summary>Fills <paramref name="obj"/> in place with the kind's defaults.</summary>
    protected void ApplyDefaults(JsonObject obj)
    {
        if (Defaults is not null) Replace(obj, Defaults(obj));
    }

    /// <summary>Moves each member of <paramref name="changed"/> (a changed copy of <paramref name="obj"/>) into <paramref name="obj"/>.</summary>
    protected static void Replace(JsonObject obj, JsonObject changed)
    {
        foreach (var (key, value) in changed.ToList())
        {
            changed.Remove(key);
            obj[key] = value;
        }
    }

    public virtual string FieldValue(JsonObject obj, string field) => obj.At(field);

    public virtual void PrepareForCreate(JsonObject obj, DateTimeOffset now)
    {
        if (HasStatus && !StatusSettableOnCreate) obj.Remove("status");
        ApplyDefaults(obj);
    }

    /// <summary>
    /// <see cref="PrepareForCreate"/>, then the <see cref="Validator"/>'s verdict on the prepared object. A kind whose
    /// defaults already produce the object as its model type validates that model instead of decoding the object again.
    /// </summary>
    public virtual ValidationResult PrepareAndValidateCreate(JsonObject obj, DateTimeOffset now)
    {
        PrepareForCreate(obj, now);
        return Validator(obj, null);
    }

    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        ApplyDefaults(obj);
        if (!HasStatus) return;
        obj.Remove("status");
        if (old["status"] is { } status) obj["status"] = status.DeepClone();
    }

    /// <summary>
    /// A status write changes the status, never the spec (kube's *StatusStrategy.PrepareForUpdate): <paramref name="obj"/>'s
    /// status onto <paramref name="oldCopy"/>, a copy of the stored object (metadata written along with it is taken by
    /// the storage, which restores the server's own fields). Both are the caller's to give up: the status moves
    /// over rather than being copied, and the copy becomes the result.
    /// </summary>
    public virtual JsonObject PrepareForStatusUpdate(JsonObject obj, JsonObject oldCopy)
    {
        oldCopy.Remove("status");
        if (obj.Remove("status", out var status) && status is not null) oldCopy["status"] = status;
        ApplyDefaults(oldCopy);
        return oldCopy;
    }

    /// <summary>
    /// Metadata fields a status write may not change even when it writes metadata, besides the server's own fields
    /// (which no write changes).
    /// </summary>
    public IReadOnlyList<string> MetadataKeptOnStatusWrite { get; init; } = [];

    /// <summary>
    /// Held by a create or update of the kind from <see cref="MutateAsync"/> until the store has answered; null (the
    /// default) for kinds whose writes run side by side. A kind that gives out values unique across its objects, chosen
    /// from what is stored (a Service's cluster IP and node ports), holds one, so that two writes at once cannot both
    /// take the same value: kube's allocators reserve them in storage, in this process one write chooses at a time.
    /// </summary>
    public virtual ValueTask<IDisposable?> ExclusiveWriteAsync(CancellationToken ct) => ValueTask.FromResult<IDisposable?>(null);

    /// <summary>
    /// Mutating admission that reads other objects (kube's admission plugins), before the strategy prepares the object:
    /// <paramref name="old"/> is null on create. Throws a <see cref="Http.StatusException"/> to reject the write.
    /// </summary>
    public virtual Task MutateAsync(ResourceStorage storage, JsonObject obj, JsonObject? old, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Validating admission that reads other objects, after the object passed validation.</summary>
    public virtual Task AdmitAsync(ResourceStorage storage, JsonObject obj, JsonObject? old, CancellationToken ct) => Task.CompletedTask;

    /// <summary>What goes with an object once it is deleted (kube's store AfterDelete hook): nothing, for most kinds.</summary>
    public virtual Task AfterDeleteAsync(ResourceStorage storage, JsonObject deleted, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The grace period to apply to a delete, or 0 to delete at once (kube's CheckGracefulDelete).
    /// <paramref name="requested"/> is the client's gracePeriodSeconds, if any.
    /// </summary>
    public virtual long GracePeriod(JsonObject obj, long? requested) => 0;
}
