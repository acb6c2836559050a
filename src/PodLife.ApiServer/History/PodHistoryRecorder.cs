using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Store;

namespace PodLife.ApiServer.History;

/// <summary>
/// Records every pod write and every pod event into the pod's timeline, in the same store transaction as the write, so
/// the history is exactly as durable as the pod and costs no second commit. Runs on every status write: the timeline is
/// kept parsed in memory and written with a compare-and-swap beside the object's; only a conflict on the timeline
/// (another server, the sweep) makes it read the store.
/// </summary>
public sealed partial class PodHistoryRecorder(IStore store, TimeProvider clock, HistoryOptions options, ILogger? log = null) : IWriteObserver
{
    const int Attempts = 10;
    static readonly ResourceDefinition Timelines = PodTimelineResource.Definition;

    readonly TimelineCache _cache = new(options.CachedTimelines);
    readonly TimelineExpiryIndex _deleted = new();
    // One timeline's writes go one at a time; the gate is held across the object's own commit, so writes of different
    // pods sharing a gate could not share a group commit: many gates make that rare.
    readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>What a write does to one pod's timeline: the change (null from it: nothing to record).</summary>
    readonly record struct TimelineChange(string Namespace, string Name, Func<PodTimeline?, PodTimeline?> Apply);

    public Task<KeyValue> WriteAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, StoreWrite write, CancellationToken ct)
    {
        var change = def switch
        {
            { Group: "", Resource: "pods" } => PodChange(old, current),
            { StorageResource: "events" } => EventChange(def, old, current),
            _ => null,
        };
        var newPod = def is { Group: "", Resource: "pods" } && write.Kind == StoreWriteKind.Create;
        return change is { } c ? WriteWithTimelineAsync(write, c, newPod, ct) : WriteAloneAsync(write, ct);
    }

    TimelineChange? PodChange(JsonObject? old, JsonObject? current)
    {
        var now = clock.GetUtcNow();
        if (current is null)
        {
            var gone = old!;
            var uid = gone.Uid();
            return new(gone.Namespace(), gone.Name(), t => t is null || t.PodUid != uid ? t : TimelineRecording.PodDeleted(t, now, options.MaxEntries));
        }
        if (old is not null && Unchanged(old, current)) return null;
        // Only what the rules read: a full V1Pod of each version was a twentieth of all the bytes the server allocated.
        var pod = TimelinePod.Of(current);
        var before = old is null ? null : TimelinePod.StatusOf(old);
        return new(current.Namespace(), current.Name(), t => TimelineRecording.PodWritten(t, before, pod, now, options.MaxEntries));
    }

    // Spec-only and annotation writes change nothing the timeline shows.
    static bool Unchanged(JsonObject old, JsonObject current) =>
        JsonNode.DeepEquals(old["status"], current["status"])
        && JsonNode.DeepEquals(old.Metadata()["labels"], current.Metadata()["labels"])
        && JsonNode.DeepEquals(old.Metadata()["deletionTimestamp"], current.Metadata()["deletionTimestamp"]);

    TimelineChange? EventChange(ResourceDefinition def, JsonObject? old, JsonObject? current)
    {
        if (current is null) return null;
        // Only what the rule reads, from the object as written (no conversion of a copy to the stored form first).
        var eventsV1 = def.View is Registry.Kinds.EventsV1View;
        var ev = TimelineEvent.Of(current, eventsV1);
        if (ev.InvolvedObject is not { Kind: "Pod", Name.Length: > 0 } pod) return null;
        var before = old is null ? null : TimelineEvent.CountOf(old, eventsV1);
        var now = clock.GetUtcNow();
        var ns = string.IsNullOrEmpty(pod.NamespaceProperty) ? current.Namespace() : pod.NamespaceProperty;
        return new(ns, pod.Name, t => t is null ? null : EventRecording.EventWritten(t, before, ev, now, options.MaxEntries));
    }

    async Task<KeyValue> WriteAloneAsync(StoreWrite write, CancellationToken ct) => (await store.WriteAsync([write], ct))[0];

    /// <summary>
    /// Stores <paramref name="write"/> and the timeline it changes in one transaction. A conflict on the timeline (not on the
    /// object) reloads it and tries again; should the timeline keep changing under it, the object's write goes alone.
    /// </summary>
    async Task<KeyValue> WriteWithTimelineAsync(StoreWrite write, TimelineChange change, bool newPod, CancellationToken ct)
    {
        var key = Timelines.Key(change.Namespace, change.Name);
        var gate = _locks[(key.GetHashCode() & int.MaxValue) % _locks.Length];
        await gate.WaitAsync(ct);
        try
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                (long Revision, PodTimeline? Timeline) cached;
                try
                {
                    cached = _cache.TryGet(key, out var hit) ? (hit.Revision, hit.Timeline)
                        // A new pod starts its timeline afresh whatever an earlier pod of that name left: assume there is
                        // none rather than read it on every create; if there is, the create is refused and the retry reads it.
                        : attempt == 0 && newPod ? (0, null)
                        : await LoadAsync(key, ct);
                }
                catch (StoreException e) when (e is not CompactedException)
                {
                    log?.LogWarning(e, "cannot read the lifecycle history of pod {Namespace}/{Name}", change.Namespace, change.Name);
                    return await WriteAloneAsync(write, ct);
                }
                var (revision, timeline) = cached;
                var next = change.Apply(timeline);
                if (next is null || ReferenceEquals(next, timeline)) return await WriteAloneAsync(write, ct);
                if (next.Uid.Length == 0) next = next with { Uid = Guid.NewGuid().ToString() };
                var bytes = PodTimelineJson.ToUtf8(next.ResourceVersion.Length == 0 ? next : next with { ResourceVersion = "" }, Http.HttpJson.WriterOptions);
                var record = revision == 0 ? StoreWrite.Create(key, bytes) : StoreWrite.Update(key, bytes, revision);
                try
                {
                    var results = await store.WriteAsync([write, record], ct);
                    var written = results[1].ModRevision;
                    // A deleted pod's timeline is hardly written again: it goes in cold, the first to make room.
                    _cache.Set(key, new(written, next), cold: next.PodDeletedAt is not null);
                    _deleted.Saw(key, written, next.PodDeletedAt);
                    return results[0];
                }
                catch (StoreException e) when (RefusedKey(e) == key)
                {
                    _cache.Forget(key);
                }
            }
            log?.LogWarning("the lifecycle history of pod {Namespace}/{Name} kept changing; this write is not recorded", change.Namespace, change.Name);
            return await WriteAloneAsync(write, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    static string? RefusedKey(StoreException e) => e switch
    {
        ConflictException c => c.Key,
        KeyExistsException x => x.Key,
        KeyNotFoundInStoreException n => n.Key,
        _ => null,
    };

    async Task<(long Revision, PodTimeline? Timeline)> LoadAsync(string key, CancellationToken ct)
    {
        var kv = await store.GetAsync(key, ct);
        return kv is null ? (0, null) : (kv.ModRevision, TimelineReader.Read(kv.Value));
    }
}
