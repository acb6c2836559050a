using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>One page of a list: the matching objects, the snapshot revision, and where the next page starts.</summary>
public sealed record ListPage(List<StoredObject> Items, long Revision, string? Continue, long? RemainingItemCount)
{
    /// <summary>
    /// Lets go of the items once the page is answered. The array of a list of more than 8,192 items lies on the large
    /// object heap, which only a full collection frees: until one, everything it points to (stored bytes, decoded models)
    /// survived each young collection as if alive. After ten lists of 10,000 pods, young collections copied ~110 MB and
    /// paused 30-60 ms each (session 32, `bench api`).
    /// </summary>
    public void Release() => Items.Clear();
}

public sealed partial class ResourceStorage
{
    // kube-apiserver's cap on the rows one round of a filtered list reads (storage/etcd3 maxLimit).
    const int MaxFilteredBatch = 10_000;

    /// <summary>LIST with selectors, limit/continue paging and resourceVersion (unset, "0", NotOlderThan, Exact).</summary>
    public async Task<ListPage> ListAsync(ResourceDefinition def, string ns, ListRequest request, CancellationToken ct)
    {
        var prefix = def.KeyPrefix(ns);
        var token = request.Continue is { } text ? ListRequest.DecodeContinue(text, prefix) : null;
        // A later page reads the first one's snapshot: what was stored since is not in it anyway.
        if (token is null) await SettleAsync(def, ns, null, ct);
        var (revision, after) = token is not null ? (token.Revision, token.LastKey) : (await SnapshotRevisionAsync(request, ct), null);
        // remainingItemCount is given for lists without selectors; the later pages know it from the token.
        var countRemaining = !request.IsFiltered && token?.Remaining is null;
        var items = new List<StoredObject>();
        // A filtered page reads more rows each round, as kube-apiserver's etcd store does: asking only for the matches
        // still missing would read a selective list (one Pending pod among 100,000) a row or two per store query.
        // An unlimited filtered list reads in rounds of the largest batch, so a selective list of a large prefix (each
        // simulated node's pods at start-up) holds one batch of rows at a time, not the whole prefix.
        var batch = request.Limit == 0 ? MaxFilteredBatch : request.Limit;
        // A selector that pins only spec.nodeName or metadata.name is decided from the key and the stored bytes.
        var route = WatchRoute.Of(def, request);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested(); // the client is gone: read no further
                var want = request.IsFiltered ? batch : request.Limit == 0 ? 0 : request.Limit - items.Count;
                var page = await store.ListAsync(prefix, new ListOptions(want, after, revision, countRemaining), ct);
                revision = page.Revision;
                // Sized once rather than grown by doubling: a list of 10,000 then fits below the large object heap.
                if (!request.IsFiltered) items.EnsureCapacity(items.Count + page.Items.Count);
                try
                {
                    for (var i = 0; i < page.Items.Count; i++)
                    {
                        // Decoded only when a selector needs it; writing the answer decodes what it needs.
                        var obj = StoredObject.FromStore(def, page.Items[i]);
                        if (request.IsFiltered && !Matches(request, route, def, obj)) continue;
                        items.Add(obj);
                        var more = i < page.Items.Count - 1 || page.Continue is not null;
                        if (request.Limit > 0 && items.Count == request.Limit && more)
                        {
                            var remaining = request.IsFiltered ? null : token?.Remaining - items.Count ?? page.RemainingItemCount;
                            if (remaining <= 0) remaining = null; // a token that does not match its snapshot: say nothing rather than something wrong
                            return new(items, revision, ListRequest.EncodeContinue(revision, page.Items[i].Key, remaining), remaining);
                        }
                    }
                }
                finally
                {
                    page.Release();
                }
                if (page.Continue is null) return new(items, revision, null, null);
                after = page.Continue;
                batch = Math.Min(batch * 2, Math.Max(request.Limit, MaxFilteredBatch));
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

    static bool Matches(ListRequest request, WatchRoute route, ResourceDefinition def, StoredObject obj) =>
        route.DecidesMatch && obj.Kv is { } kv ? route.Matches(kv) : request.Matches(obj.Object, def);

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
