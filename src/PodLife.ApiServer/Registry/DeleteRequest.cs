using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry;

/// <summary>What a DELETE asks for: metav1.DeleteOptions from the body and the query string.</summary>
public sealed record DeleteRequest(long? GracePeriodSeconds, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static readonly DeleteRequest Default = new(null, null, null, false);

    /// <param name="query">The request's query parameters by name (gracePeriodSeconds; propagationPolicy and
    /// orphanDependents, which are read, as kube-apiserver reads them, only when there is no body).</param>
    public static DeleteRequest Parse(ReadOnlySpan<byte> body, Func<string, string?> query, bool dryRunQuery)
    {
        long? grace = null;
        if (query("gracePeriodSeconds") is { Length: > 0 } graceQuery)
            grace = long.TryParse(graceQuery, out var g) ? g : throw Errors.BadRequest($"gracePeriodSeconds: Invalid value: \"{graceQuery}\"");
        if (body.IsEmpty)
        {
            ValidatePropagation(query("propagationPolicy") is { Length: > 0 } policy ? policy : null, query("orphanDependents") is { Length: > 0 });
            return new(grace, null, null, dryRunQuery);
        }

        JsonObject options;
        try
        {
            options = JsonNode.Parse(body) as JsonObject ?? throw Errors.BadRequest("DeleteOptions must be a JSON object");
        }
        catch (JsonException e)
        {
            throw Errors.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
        if (options.Str("kind") is { Length: > 0 } kind && kind != "DeleteOptions")
            throw Errors.BadRequest($"{kind} in version \"{options.Str("apiVersion")}\" cannot be handled as a DeleteOptions: the body must be a DeleteOptions");
        if (options["gracePeriodSeconds"] is { } node)
            grace = ObjectMeta.Long(node) ?? throw Errors.BadRequest("DeleteOptions.gracePeriodSeconds must be an integer");
        ValidatePropagation(options["propagationPolicy"] is JsonValue p && p.TryGetValue<string>(out var bodyPolicy) ? bodyPolicy : null, options["orphanDependents"] is not null);
        var pre = options["preconditions"] as JsonObject;
        var dryRun = dryRunQuery || options["dryRun"] is JsonArray { Count: > 0 };
        return new(grace, pre?.Str("uid") is { Length: > 0 } u ? u : null, pre?.Str("resourceVersion") is { Length: > 0 } r ? r : null, dryRun);
    }

    static readonly string[] Propagations = ["Foreground", "Background", "Orphan"];

    /// <summary>
    /// kube's ValidateDeleteOptions for the garbage collector's fields: a propagationPolicy it knows, and not beside the
    /// deprecated orphanDependents. (PodLife has no garbage collector: a valid policy is accepted and has nothing to do.)
    /// </summary>
    static void ValidatePropagation(string? policy, bool orphanDependents)
    {
        var errors = new List<FieldError>();
        var path = FieldPath.Root("propagationPolicy");
        if (policy is not null && orphanDependents)
            errors.Add(FieldError.Invalid(path, policy, "orphanDependents and deletionPropagation cannot be both set"));
        if (policy is not null && !Propagations.Contains(policy))
            errors.Add(FieldError.NotSupported(path, policy, [.. Propagations, "nil"]));
        if (errors.Count > 0) throw Errors.Invalid(new ValidationResult(errors), "meta.k8s.io", "DeleteOptions", "");
    }
}
