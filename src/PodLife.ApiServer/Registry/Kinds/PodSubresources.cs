using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>pods/binding and pods/eviction (pkg/registry/core/pod/storage/storage.go).</summary>
public sealed class PodSubresources(ResourceStorage storage)
{
    public async Task PostAsync(ResourceHandler.Call call, Action<ResourceHandler.Call, JsonObject?> authorize)
    {
        authorize(call, null);
        var body = await RequestBody.ReadJsonAsync(call.Ctx);
        if (call.Info.Subresource == "binding") await BindAsync(call, body);
        else await EvictAsync(call, body);
        await HttpJson.WriteAsync(call.Ctx, Success(201), 201);
    }

    static JsonObject Success(int code) =>
        new() { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["code"] = code };

    // BindingREST.Create / assignPod: set spec.nodeName and PodScheduled=True, once.
    async Task BindAsync(ResourceHandler.Call call, byte[] body)
    {
        var binding = ObjectCodec.For<k8s.Models.V1Binding>().Decode(body, "Binding", "v1");
        var name = call.Info.Name;
        if (binding.Name() != name)
            throw Errors.BadRequest("name in URL does not match name in Binding object");
        var node = binding.At("target.name");
        if (node.Length == 0)
            throw Errors.Invalid(ValidationResult.Of([FieldError.Required(FieldPath.Root("target", "name"))]), "", "Binding", name);
        if (call.DryRun) return;
        await storage.GuaranteedUpdateAsync(call.Def, call.Namespace, name, WriteScope.System, dryRun: false, pod =>
        {
            if (pod.IsDeleting())
                throw Errors.Conflict("", "pods/binding", name, $"pod {name} is being deleted, cannot be assigned to a host");
            if (pod.At("spec.nodeName") is { Length: > 0 } current)
                throw Errors.Conflict("", "pods/binding", name, $"pod {name} is already assigned to node \"{current}\"");
            pod["spec"]!["nodeName"] = node;
            if (pod["status"] is not JsonObject status) pod["status"] = status = [];
            if (status["conditions"] is not JsonArray conditions) status["conditions"] = conditions = [];
            foreach (var old in conditions.OfType<JsonObject>().Where(c => c.Str("type") == "PodScheduled").ToList()) conditions.Remove(old);
            conditions.Add(new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "True",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = ObjectMeta.Timestamp(storage.Now),
            });
            return pod;
        }, call.Ct);
    }

    // EvictionREST.Create without disruption budgets: the eviction is the pod's deletion with the given options.
    async Task EvictAsync(ResourceHandler.Call call, byte[] body)
    {
        var eviction = ObjectCodec.For<k8s.Models.V1Eviction>().Decode(body, "Eviction", "v1");
        if (eviction.Name() != call.Info.Name)
            throw Errors.BadRequest("name in URL does not match name in Eviction object");
        if (eviction.Str("kind") is { Length: > 0 } kind && kind != "Eviction")
            throw Errors.BadRequest($"the kind in the data ({kind}) does not match the expected kind (Eviction)");
        var options = eviction["deleteOptions"] is JsonObject d
            ? DeleteRequest.Parse(ObjectCodec.Utf8(d), static _ => null, call.DryRun)
            : DeleteRequest.Default with { DryRun = call.DryRun };
        await storage.DeleteAsync(call.Def, call.Namespace, call.Info.Name, options, call.Ct);
    }
}
