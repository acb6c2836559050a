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
    /// Changes come from the resource's shared <see cref="WatchFanout"/>; the stream simply ends when that stops or this
    /// watch falls <see cref="WatchBuffer"/> changes behind (the client watches again, as after any end).
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

        var prefix = def.KeyPrefix(ns);
        using var subscription = await Fanouts.SubscribeAsync(def, prefix, WatchRoute.Of(def, request), after, ct);
        if (after < subscription.CatchUpThrough)
        {
            // The changes the shared watch handed out before this watch joined come from the store's history.
            var history = store.WatchAsync(prefix, after, ct).GetAsyncEnumerator(ct);
            try
            {
                while (true)
                {
                    WatchEvent e;
                    StatusException? expired = null;
                    try
                    {
                        if (!await history.MoveNextAsync()) yield break;
                        e = history.Current;
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
                    if (e.Revision > subscription.CatchUpThrough) break;
                    if (ToWireEvent(def, request, e) is { } item) yield return item;
                    if (e.Revision == subscription.CatchUpThrough) break;
                }
            }
            finally
            {
                await history.DisposeAsync();
            }
        }

        // Ends when the shared watch stops or this watch fell too far behind: the client watches again from the last
        // resourceVersion it got, as it does after any watch ends. The end of the request ends the reading too, as the
        // change buffer's completion: a read given the request's token would make a waiter object and a cancellation
        // registration each time it waits, once per change delivered.
        using (ct.Register(static s => ((WatchSubscription)s!).End(), subscription))
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(CancellationToken.None))
            {
                // What is still buffered when the request ends is not sent.
                if (ct.IsCancellationRequested) break;
                if (ToWireEvent(def, request, subscription.Route, change) is { } item) yield return item;
            }
        }
        ct.ThrowIfCancellationRequested();
    }

    WatchItem? ToWireEvent(ResourceDefinition def, ListRequest request, WatchRoute route, RoutedChange change)
    {
        if (!route.DecidesMatch) return ToWireEvent(def, request, change.Event);
        // The selector is only the routed value: the change's routing values decide without decoding the object.
        var e = change.Event;
        var now = route.Matches(change.Name, change.NodeName);
        var before = e.Previous is not null && e.Type != WatchEventType.Added
            && route.Matches(change.Name, e.Type == WatchEventType.Modified ? change.PreviousNodeName : change.NodeName);
        return WireType(e.Type, before, now) is { } type ? new(type, Shared(def, e.Kv).Encoded(), e.Revision) : null;
    }

    WatchItem? ToWireEvent(ResourceDefinition def, ListRequest request, WatchEvent e)
    {
        var current = Shared(def, e.Kv);
        var filtered = request.IsFiltered;
        var now = !filtered || request.Matches(current.Object, def);
        var before = e.Previous is not null && e.Type != WatchEventType.Added && (!filtered || request.Matches(Shared(def, e.Previous).Object, def));
        return WireType(e.Type, before, now) is { } type ? new(type, current.Encoded(), e.Revision) : null;
    }

    // As the watch cache: a change that brings an object into the selection is ADDED, one that takes it out DELETED.
    static string? WireType(WatchEventType type, bool before, bool now) => type switch
    {
        WatchEventType.Added => now ? "ADDED" : null,
        WatchEventType.Deleted => now ? "DELETED" : null,
        _ => (before, now) switch { (true, true) => "MODIFIED", (false, true) => "ADDED", (true, false) => "DELETED", _ => null },
    };

    /// <summary>Changes a watch may have waiting before it is ended (its client then watches again).</summary>
    public int WatchBuffer { get; init; } = WatchFanouts.DefaultBuffer;

    WatchFanouts? _fanouts;

    /// <summary>The shared store watches of the resources being watched.</summary>
    internal WatchFanouts Fanouts => LazyInitializer.EnsureInitialized(ref _fanouts, () => new WatchFanouts(store, WatchBuffer));

    // The store hands every watcher of a prefix the same change objects, so all watchers share one decoded and encoded
    // object per recent change instead of each parsing and serializing it again.
    readonly RecentDecodes _decoded = new();

    StoredObject Shared(ResourceDefinition def, KeyValue kv) =>
        def.View is null ? _decoded.Get(def, kv) : StoredObject.FromStore(def, kv);
}
