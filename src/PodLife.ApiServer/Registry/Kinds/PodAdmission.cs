using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// The admission seam for pods: defaults, QoS class and validation. A minimal subset of Kubernetes' rules
/// (pkg/apis/core/v1/defaults.go, pkg/apis/core/validation, qos.GetPodQOS) until PodLife.Core's
/// PodDefaults / PodValidation / PodQos are wired in here.
/// </summary>
public static class PodAdmission
{
    public static void ApplyDefaults(JsonObject pod)
    {
        if (pod["spec"] is not JsonObject spec) return;
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["serviceAccountName"] ??= "default";
        spec["securityContext"] ??= new JsonObject();
        spec["enableServiceLinks"] ??= true;
        spec["priority"] ??= 0;
        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
        foreach (var c in Containers(spec))
        {
            c["terminationMessagePath"] ??= "/dev/termination-log";
            c["terminationMessagePolicy"] ??= "File";
            c["resources"] ??= new JsonObject();
            var image = c.Str("image");
            var tagged = image.Contains('@') || image.LastIndexOf(':') > image.LastIndexOf('/');
            c["imagePullPolicy"] ??= !tagged || image.EndsWith(":latest", StringComparison.Ordinal) ? "Always" : "IfNotPresent";
        }
    }

    static IEnumerable<JsonObject> Containers(JsonObject spec) =>
        new[] { "initContainers", "containers" }.SelectMany(k => (spec[k] as JsonArray ?? []).OfType<JsonObject>());

    /// <summary>BestEffort without any requests or limits; Guaranteed when every container's cpu and memory limits equal its requests.</summary>
    public static string QosClass(JsonObject pod)
    {
        if (pod["spec"] is not JsonObject spec) return "BestEffort";
        var containers = Containers(spec).ToList();
        bool Has(JsonObject c, string kind) => c["resources"]?[kind] is JsonObject { Count: > 0 };
        if (!containers.Any(c => Has(c, "requests") || Has(c, "limits"))) return "BestEffort";
        var guaranteed = containers.All(c =>
            new[] { "cpu", "memory" }.All(r =>
                c["resources"]?["limits"]?[r] is { } limit &&
                (c["resources"]?["requests"]?[r] is not { } request || request.ToString() == limit.ToString())));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    public static IEnumerable<FieldCause> ValidateSpec(JsonObject pod)
    {
        if (pod["spec"] is not JsonObject spec)
        {
            yield return new("spec.containers", "FieldValueRequired", "spec.containers: Required value");
            yield break;
        }
        var containers = (spec["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (containers.Count == 0) yield return new("spec.containers", "FieldValueRequired", "spec.containers: Required value");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var path = $"spec.containers[{i}]";
            var name = containers[i].Str("name");
            if (name.Length == 0) yield return new($"{path}.name", "FieldValueRequired", $"{path}.name: Required value");
            else if (!seen.Add(name)) yield return new($"{path}.name", "FieldValueDuplicate", $"{path}.name: Duplicate value: \"{name}\"");
            if (containers[i].Str("image").Trim().Length == 0)
                yield return new($"{path}.image", "FieldValueRequired", $"{path}.image: Required value");
        }
    }

    // ValidatePodUpdate: only images, activeDeadlineSeconds, tolerations (additions) and a few others may change.
    public static IEnumerable<FieldCause> ValidateSpecChange(JsonObject pod, JsonObject old)
    {
        static JsonNode? Mutable(JsonNode? spec)
        {
            if (spec?.DeepClone() is not JsonObject s) return spec;
            foreach (var key in new[] { "activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds" }) s.Remove(key);
            foreach (var c in Containers(s)) c.Remove("image");
            return s;
        }
        if (!JsonNode.DeepEquals(Mutable(pod["spec"]), Mutable(old["spec"])))
            yield return new("spec", "FieldValueForbidden",
                "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
    }
}
