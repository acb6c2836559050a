using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>One page of a list: the matching objects, the snapshot revision, and where the next page starts.</summary>
public sealed record ListPage(List<StoredObject> Items, long Revision, string? Continue, long? RemainingItemCount);

public sealed partial class ResourceStorage
{
    /// <summary>LIST with selectors, limit/continue paging and resourceVersion (unset, "0", NotOlderThan, Exact).</summary>
    public async Task<ListPage> ListAsync(ResourceDefinition def, string ns, ListRequest request, CancellationToken ct)
    {
        var prefix = def.KeyPrefix(ns);
        var token = request.Continue is { } text ? ListRequest.DecodeContinue(text, prefix) : null;
        var (revision, after) = token is not null ? (token.Revision, token.LastKey) : (await SnapshotRevisionAsync(request, ct), null);
        // remainingItemCount is given for lists without selectors; the later pages know it from the token.
        var countRemaining = !request.IsFiltered && token?.Remaining is null;
        var items = new List<StoredObject>();
        try
        {
            while (true)
            {
                var want = request.Limit == 0 ? 0 : request.Limit - items.Count;
                var page = await store.ListAsync(prefix, new ListOptions(want, after, revision, countRemaining), ct);
                revision = page.Revision;
                foreach (var kv in page.Items)
                {
                    // Without selectors nothing needs the object decoded here; writing the answer decodes what it needs.
                    var obj = StoredObject.FromStore(def, kv);
                    if (!request.IsFiltered || request.Matches(obj.Object, def)) items.Add(obj);
                }
                if (page.Continue is null) return new(items, revision, null, null);
                after = page.Continue;
                if (request.Limit > 0 && items.Count >= request.Limit)
                {
                    var remaining = request.IsFiltered ? null : token?.Remaining - items.Count ?? page.RemainingItemCount;
                    if (remaining <= 0) remaining = null; // a token that does not match its snapshot: say nothing rather than something wrong
                    return new(items, revision, ListRequest.EncodeContinue(revision, after, remaining), remaining);
                }
            }
        }
        catch (CompactedException) when (request.Continue is not null)
        {
            throw Errors.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
        }
        catch (CompactedException e)
        {
            throw Errors.Gone($"too old resource version: {e.RequestedRevision} ({e.CompactedRevision})");
        }
    }

    async Task<long> SnapshotRevisionAsync(ListRequest request, CancellationToken ct)
    {
        var current = await store.CurrentRevisionAsync(ct);
        if (request.ResourceVersion is null or "0") return 0;
        var wanted = ParseResourceVersion(request.ResourceVersion);
        // The store is never behind, so a resourceVersion from the future can only be a client error.
        if (wanted > current)
            throw new StatusException(504, "Timeout", $"Too large resource version: {wanted}, current: {current}",
                new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }), ["retryAfterSeconds"] = 1 });
        return request.ResourceVersionMatch == "Exact" ? wanted : 0;
    }
}
