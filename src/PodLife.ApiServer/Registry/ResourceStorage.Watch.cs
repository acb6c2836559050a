using System.Runtime.CompilerServices;
using PodLife.ApiServer.Http;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>One watch event as sent on the wire: ADDED, MODIFIED, DELETED or ERROR, and its revision.</summary>
public sealed record WatchItem(string Type, StoredObject Object, long Revision);

public sealed partial class ResourceStorage
{
    /// <summary>
    /// WATCH: without a resourceVersion (or "0") the current objects first as ADDED, then every change after;
    /// from resourceVersion N the changes after N. Objects moving in or out of the selectors appear as ADDED or DELETED
    /// (as the watch cache does). A compacted resourceVersion ends the stream with an ERROR event 410 Expired.
    /// </summary>
    public async IAsyncEnumerable<WatchItem> WatchAsync(ResourceDefinition def, string ns, ListRequest request,
        [EnumeratorCancellation] CancellationToken ct)
    {
        long after;
        if (request.ResourceVersion is null or "0")
        {
            var snapshot = await ListAsync(def, ns, request with { Limit = 0, Continue = null, ResourceVersion = null }, ct);
            foreach (var obj in snapshot.Items) yield return new("ADDED", obj, snapshot.Revision);
            after = snapshot.Revision;
        }
        else after = ParseResourceVersion(request.ResourceVersion);

        var events = store.WatchAsync(def.KeyPrefix(ns), after, ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                WatchEvent e;
                StatusException? expired = null;
                try
                {
                    if (!await events.MoveNextAsync()) yield break;
                    e = events.Current;
                }
                catch (CompactedException c)
                {
                    expired = Errors.Gone($"too old resource version: {c.RequestedRevision} ({c.CompactedRevision})");
                    e = null!;
                }
                if (expired is not null)
                {
                    yield return new("ERROR", StoredObject.Of(expired.ToStatus()), after);
                    yield break;
                }
                if (ToWireEvent(def, request, e) is { } item) yield return item;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    WatchItem? ToWireEvent(ResourceDefinition def, ListRequest request, WatchEvent e)
    {
        var current = Shared(def, e.Kv);
        var filtered = request.IsFiltered;
        var now = !filtered || request.Matches(current.Object, def);
        var before = e.Previous is not null && e.Type != WatchEventType.Added && (!filtered || request.Matches(Shared(def, e.Previous).Object, def));
        var type = e.Type switch
        {
            WatchEventType.Added => now ? "ADDED" : null,
            WatchEventType.Deleted => now ? "DELETED" : null,
            _ => (before, now) switch { (true, true) => "MODIFIED", (false, true) => "ADDED", (true, false) => "DELETED", _ => null },
        };
        return type is null ? null : new(type, current.Encoded(), e.Revision);
    }

    // The store hands every watcher of a prefix the same change objects, so all watchers share one decoded and encoded
    // object per recent change instead of each parsing and serializing it again.
    readonly RecentDecodes _decoded = new();

    StoredObject Shared(ResourceDefinition def, KeyValue kv) =>
        def.View is null ? _decoded.Get(def, kv) : StoredObject.FromStore(def, kv);
}
