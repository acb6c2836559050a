using System.Text.Json.Nodes;
using PodLife.ApiServer.Tables;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>Pod rules (pkg/registry/core/pod/strategy.go): status reset on create, spec mostly immutable, graceful delete.</summary>
public sealed class PodStrategy : ResourceStrategy
{
    public PodStrategy()
    {
        HasStatus = true;
        Table = PodTable.Instance;
        // pkg/registry/core/pod/strategy.go ToSelectableFields
        SelectableFields =
        [
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.nominatedNodeName",
        ];
    }

    public override string FieldValue(JsonObject obj, string field) => field switch
    {
        "spec.hostNetwork" => obj.At(field) is { Length: > 0 } v ? v : "false",
        _ => obj.At(field),
    };

    public override void PrepareForCreate(JsonObject pod, DateTimeOffset now)
    {
        base.PrepareForCreate(pod, now);
        PodAdmission.ApplyDefaults(pod);
        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = PodAdmission.QosClass(pod) };
    }

    public override IEnumerable<FieldCause> ValidateCreate(JsonObject pod) => PodAdmission.ValidateSpec(pod);

    public override IEnumerable<FieldCause> ValidateUpdate(JsonObject pod, JsonObject old) =>
        PodAdmission.ValidateSpec(pod).Concat(PodAdmission.ValidateSpecChange(pod, old));

    public override void PrepareForUpdate(JsonObject pod, JsonObject old)
    {
        base.PrepareForUpdate(pod, old);
        PodAdmission.ApplyDefaults(pod);
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
