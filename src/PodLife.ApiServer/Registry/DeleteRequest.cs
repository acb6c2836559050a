using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Registry;

/// <summary>What a DELETE asks for: metav1.DeleteOptions from the body and the query string.</summary>
public sealed record DeleteRequest(long? GracePeriodSeconds, string? PreconditionUid, string? PreconditionResourceVersion, bool DryRun)
{
    public static readonly DeleteRequest Default = new(null, null, null, false);

    public static DeleteRequest Parse(ReadOnlySpan<byte> body, string? graceQuery, bool dryRunQuery)
    {
        long? grace = null;
        if (!string.IsNullOrEmpty(graceQuery))
            grace = long.TryParse(graceQuery, out var g) ? g : throw Errors.BadRequest($"gracePeriodSeconds: Invalid value: \"{graceQuery}\"");
        if (body.IsEmpty) return new(grace, null, null, dryRunQuery);

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
        var pre = options["preconditions"] as JsonObject;
        var dryRun = dryRunQuery || options["dryRun"] is JsonArray { Count: > 0 };
        return new(grace, pre?.Str("uid") is { Length: > 0 } u ? u : null, pre?.Str("resourceVersion") is { Length: > 0 } r ? r : null, dryRun);
    }
}
