using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Store;

namespace PodLife.ApiServer.History;

/// <summary>
/// Records every pod write and every pod event into the pod's timeline, in the same request and the same store, so
/// the history is as durable as the pod. Runs on every status write: the timeline is kept parsed in memory and written
/// with one compare-and-swap; only a conflict (another server, the sweep) makes it read the store.
/// </summary>
public sealed partial class PodHistoryRecorder(IStore store, TimeProvider clock, HistoryOptions options, ILogger? log = null) : IWriteObserver
{
    const int CacheLimit = 20_000;
    static readonly ResourceDefinition Timelines = PodTimelineResource.Definition;

    readonly ConcurrentDictionary<string, (long Revision, PodTimeline Timeline)> _cache = new();
    readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public Task ObservedAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, CancellationToken ct) => def switch
    {
        { Group: "", Resource: "pods" } => PodAsync(old, current),
        { StorageResource: "events" } => EventAsync(def, old, current),
        _ => Task.CompletedTask,
    };

    Task PodAsync(JsonObject? old, JsonObject? current)
    {
        var now = clock.GetUtcNow();
        if (current is null)
        {
            var gone = old!;
            var uid = gone.Uid();
            return ChangeAsync(gone.Namespace(), gone.Name(), t => t is null || t.PodUid != uid ? t : TimelineRecording.PodDeleted(t, now, options.MaxEntries));
        }
        if (old is not null && Unchanged(old, current)) return Task.CompletedTask;
        var pod = ObjectCodec.As<V1Pod>(current);
        var before = old is null ? null : ObjectCodec.As<V1Pod>(old);
        return ChangeAsync(current.Namespace(), current.Name(), t => TimelineRecording.PodWritten(t, before, pod, now, options.MaxEntries));
    }

    // Spec-only and annotation writes change nothing the timeline shows.
    static bool Unchanged(JsonObject old, JsonObject current) =>
        JsonNode.DeepEquals(old["status"], current["status"])
        && JsonNode.DeepEquals(old.Metadata()["labels"], current.Metadata()["labels"])
        && JsonNode.DeepEquals(old.Metadata()["deletionTimestamp"], current.Metadata()["deletionTimestamp"]);

    Task EventAsync(ResourceDefinition def, JsonObject? old, JsonObject? current)
    {
        if (current is null) return Task.CompletedTask;
        var ev = ObjectCodec.As<Corev1Event>(def.View?.ToStored(current) ?? current);
        if (ev.InvolvedObject is not { Kind: "Pod", Name.Length: > 0 } pod) return Task.CompletedTask;
        var before = old is null ? null : ObjectCodec.As<Corev1Event>(def.View?.ToStored(old) ?? old);
        var now = clock.GetUtcNow();
        var ns = string.IsNullOrEmpty(pod.NamespaceProperty) ? current.Namespace() : pod.NamespaceProperty;
        return ChangeAsync(ns, pod.Name, t => t is null ? null : EventRecording.EventWritten(t, before, ev, now, options.MaxEntries));
    }

    /// <summary>Applies <paramref name="change"/> to the stored timeline (null: none yet) and stores the result, if any.</summary>
    async Task ChangeAsync(string ns, string name, Func<PodTimeline?, PodTimeline?> change)
    {
        var key = Timelines.Key(ns, name);
        // The pod is already written: finish the history even if the client has gone.
        var ct = CancellationToken.None;
        var gate = _locks[(key.GetHashCode() & int.MaxValue) % _locks.Length];
        await gate.WaitAsync(ct);
        try
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var (revision, timeline) = _cache.TryGetValue(key, out var cached) ? cached : await LoadAsync(key, ct);
                var next = change(timeline);
                if (next is null || ReferenceEquals(next, timeline)) return;
                if (next.Uid.Length == 0) next = next with { Uid = Guid.NewGuid().ToString() };
                var bytes = ObjectCodec.Utf8(PodTimelineJson.ToJson(next with { ResourceVersion = "" }));
                try
                {
                    var kv = revision == 0 ? await store.CreateAsync(key, bytes, ct) : await store.UpdateAsync(key, bytes, revision, ct);
                    if (_cache.Count >= CacheLimit) _cache.Clear();
                    _cache[key] = (kv.ModRevision, next);
                    return;
                }
                catch (StoreException e) when (e is ConflictException or KeyExistsException or KeyNotFoundInStoreException)
                {
                    _cache.TryRemove(key, out _);
                }
            }
        }
        catch (StoreException e)
        {
            // The pod write stands; a history the store could not take is logged, not turned into a failed request.
            log?.LogWarning(e, "cannot record the lifecycle history of pod {Namespace}/{Name}", ns, name);
        }
        finally
        {
            gate.Release();
        }
    }

    async Task<(long Revision, PodTimeline? Timeline)> LoadAsync(string key, CancellationToken ct)
    {
        var kv = await store.GetAsync(key, ct);
        return kv is null ? (0, null) : (kv.ModRevision, PodTimelineJson.FromJson(JsonNode.Parse(kv.Value)!.AsObject()));
    }
}
