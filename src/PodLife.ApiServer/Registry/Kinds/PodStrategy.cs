using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>Pod rules (pkg/registry/core/pod/strategy.go): the core's defaults, admission and validation; graceful delete.</summary>
public sealed class PodStrategy : ResourceStrategy
{
    public PodStrategy()
    {
        HasStatus = true;
        // Pods carry a generation (kube-apiserver sets it from 1.33 on); the node agents read a spec change from it.
        TracksGeneration = true;
        Table = KindTables.Pods;
        // podStatusStrategy.PrepareForUpdate: pods/status may not touch owner references (old kubelets corrupted them,
        // which broke garbage collection).
        MetadataKeptOnStatusWrite = ["ownerReferences"];
        Validator = Validating<V1Pod>((pod, old) => old is null ? PodValidation.ValidateCreate(pod) : PodValidation.ValidateUpdate(old, pod));
        // pkg/registry/core/pod/strategy.go ToSelectableFields
        SelectableFields =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.nominatedNodeName",
        ];
    }

    // podStatusStrategy.ValidateUpdate. The written pod's spec is the stored pod's (and written metadata was validated
    // as it was taken), so only its status can break a rule: under restartPolicy Always (most pods, and every write of a
    // kubelet while its pod runs) only a new nominated node has one to break, and the usual write is not decoded at all.
    public override ValidationResult ValidateStatusUpdate(JsonObject pod, JsonObject old)
    {
        var policy = old.At("spec.restartPolicy");
        var nominated = pod.At("status.nominatedNodeName");
        if (policy == "Always" && (nominated.Length == 0 || nominated == old.At("status.nominatedNodeName"))) return ValidationResult.Valid;
        return PodValidation.ValidateStatusWrite(policy, SidecarNames(old), StatusOf(old), StatusOf(pod));
    }

    static V1PodStatus? StatusOf(JsonObject pod) => pod["status"] is JsonObject status ? ObjectCodec.As<V1PodStatus>(status) : null;

    // Init containers that restart as the pod runs (restartPolicy Always) may leave the terminated state.
    static HashSet<string> SidecarNames(JsonObject pod)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (pod["spec"]?["initContainers"] is not JsonArray containers) return names;
        foreach (var c in containers)
        {
            if (c is JsonObject container && container.At("restartPolicy") == "Always" && container.At("name") is { Length: > 0 } name) names.Add(name);
        }
        return names;
    }

    public override string FieldValue(JsonObject obj, string field) => field switch
    {
        "spec.hostNetwork" => obj.At(field) is { Length: > 0 } v ? v : "false",
        _ => obj.At(field),
    };

    public override void PrepareForCreate(JsonObject pod, DateTimeOffset now) => Prepare(pod, now);

    // The defaulted model is the prepared pod: its metadata was decoded from the pod's own and the defaults leave it
    // alone, and its spec and status are what the pod now holds. Validating it spares a third decode of the pod.
    public override ValidationResult PrepareAndValidateCreate(JsonObject pod, DateTimeOffset now) => PodValidation.ValidateCreate(Prepare(pod, now));

    V1Pod Prepare(JsonObject pod, DateTimeOffset now)
    {
        base.PrepareForCreate(pod, now);
        // The decoded pod is this call's own: defaulted as it is, not copied once more.
        var defaulted = PodDefaults.Fill(ObjectCodec.As<V1Pod>(pod), GeneratedName.RandomSuffix(Random.Shared));
        TakeSpecAndStatus(pod, defaulted);
        return defaulted;
    }

    /// <summary>Priority admission: a new pod's priorityClassName (or the global default class) gives its priority and
    /// preemption policy; an update that leaves the priority out keeps it.</summary>
    public override async Task MutateAsync(ResourceStorage storage, JsonObject pod, JsonObject? old, CancellationToken ct)
    {
        if (pod["spec"] is not JsonObject spec) return;
        if (old is not null)
        {
            if (spec["priority"] is null && old["spec"]?["priority"] is { } kept) spec["priority"] = kept.DeepClone();
            return;
        }
        var className = pod.At("spec.priorityClassName");
        var resolved = className.Length > 0
            ? await PriorityClassLookup.FindAsync(storage, className, ct)
            : await PriorityClassLookup.GlobalDefaultAsync(storage, ct);
        var priority = ObjectMeta.Long(spec["priority"]) is { } p ? (int)p : (int?)null;
        var policy = spec["preemptionPolicy"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var (admitted, forbidden) = PriorityAdmission.Admit(className, priority, policy, resolved);
        if (admitted is null) throw Errors.Forbidden("", "pods", pod.Name(), forbidden!);
        if (admitted.ClassName.Length > 0) spec["priorityClassName"] = admitted.ClassName;
        spec["priority"] = admitted.Priority;
        if (admitted.PreemptionPolicy is not null) spec["preemptionPolicy"] = admitted.PreemptionPolicy;
    }

    public override void PrepareForUpdate(JsonObject pod, JsonObject old)
    {
        base.PrepareForUpdate(pod, old);
        TakeSpecAndStatus(pod, PodDefaults.FillSchemeDefaults(ObjectCodec.As<V1Pod>(pod)));
    }

    // Metadata stays as the client and the registry wrote it; the rules only fill in spec and status, and only those two
    // are encoded.
    static void TakeSpecAndStatus(JsonObject pod, V1Pod typed)
    {
        pod["spec"] = typed.Spec is { } spec ? ObjectCodec.ToJson(spec) : null;
        if (typed.Status is { } status) pod["status"] = ObjectCodec.ToJson(status);
    }

    // CheckGracefulDelete: unbound and terminal pods go at once; otherwise the requested grace or the pod's own.
    public override long GracePeriod(JsonObject pod, long? requested)
    {
        var grace = requested ?? ObjectMeta.Long(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 30;
        if (pod.At("spec.nodeName").Length == 0) return 0;
        if (pod.At("status.phase") is "Succeeded" or "Failed") return 0;
        return grace < 0 ? 1 : grace;
    }
}
