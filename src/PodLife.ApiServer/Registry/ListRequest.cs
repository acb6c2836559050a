using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Registry;

/// <summary>The list and watch parameters of a request: selectors, paging and resourceVersion semantics.</summary>
public sealed record ListRequest(
    LabelSelector Labels, FieldSelector Fields, int Limit, string? Continue, string? ResourceVersion, string? ResourceVersionMatch)
{
    // Every watch event is matched against every watcher's selectors: no label map is built for a watch without a label selector.
    public bool Matches(JsonObject obj, ResourceDefinition def) =>
        (ReferenceEquals(Labels, LabelSelector.Everything) || Labels.Matches(obj.Labels())) && Fields.Matches(obj, def.Strategy);

    public bool IsFiltered => !ReferenceEquals(Labels, LabelSelector.Everything) || !ReferenceEquals(Fields, FieldSelector.Everything);

    public static ListRequest Parse(Func<string, string?> query, ResourceDefinition def)
    {
        var limitText = query("limit");
        var limit = 0;
        if (!string.IsNullOrEmpty(limitText) && (!int.TryParse(limitText, out limit) || limit < 0))
            throw Errors.BadRequest($"limit: Invalid value: \"{limitText}\": must be a non-negative integer");
        var match = query("resourceVersionMatch");
        if (!string.IsNullOrEmpty(match) && match is not ("Exact" or "NotOlderThan"))
            throw Errors.BadRequest($"resourceVersionMatch: Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\"");
        var rv = query("resourceVersion");
        if (!string.IsNullOrEmpty(rv)) ResourceStorage.ParseResourceVersion(rv);
        var cont = query("continue");
        if (!string.IsNullOrEmpty(cont) && !string.IsNullOrEmpty(rv) && rv != "0")
            throw Errors.BadRequest("specifying resource version is not allowed when using continue");
        if (!string.IsNullOrEmpty(cont)) DecodeContinue(cont, "");
        return new(LabelSelector.Parse(query("labelSelector")), FieldSelector.Parse(query("fieldSelector"), def),
            limit, string.IsNullOrEmpty(cont) ? null : cont, string.IsNullOrEmpty(rv) ? null : rv, string.IsNullOrEmpty(match) ? null : match);
    }

    /// <summary>
    /// A continue token like apiserver's: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":KEY}, plus how many items of
    /// the snapshot follow the page ("remaining") when it was counted: every page reads the same snapshot, so the next
    /// page's count is this one less the items it returns, and only the first page pays for counting.
    /// </summary>
    public static string EncodeContinue(long revision, string lastKey, long? remaining)
    {
        var token = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = revision, ["start"] = lastKey };
        if (remaining is { } n) token["remaining"] = n;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));
    }

    public static ContinueToken DecodeContinue(string token, string prefix)
    {
        try
        {
            var obj = JsonNode.Parse(Convert.FromBase64String(token))!.AsObject();
            var rv = ObjectMeta.Long(obj["rv"]) ?? 0;
            var start = obj.Str("start");
            var remaining = ObjectMeta.Long(obj["remaining"]);
            if (obj.Str("v") == "meta.k8s.io/v1" && rv > 0 && start.StartsWith(prefix, StringComparison.Ordinal) && remaining is null or > 0)
                return new(rv, start, remaining);
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
        }
        throw Errors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
}

/// <summary>Where a paged list goes on: its snapshot, the last key returned, and how many items followed it if counted.</summary>
public sealed record ContinueToken(long Revision, string LastKey, long? Remaining);
