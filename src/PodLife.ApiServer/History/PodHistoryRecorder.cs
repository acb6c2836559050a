using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Store;

namespace PodLife.ApiServer.History;

/// <summary>
/// Records every pod write and every pod event into the pod's timeline. The object's own write goes first and alone;
/// what it changes in the timeline waits in memory, and <see cref="HistoryOptions.FlushInterval"/> after the first
/// change that waits, the recorder writes each timeline that changed once, with all its changes since. A pod's writes
/// and events up to Ready (about nine, each rewriting the whole timeline when it went in the object's own transaction)
/// then cost one or two timeline writes, which the store commits together with the others of that flush. A read of
/// timelines through the API (<see cref="SettleAsync"/>) writes what waits first, so it sees every write that came
/// before it; a watch sees a change within the interval. What waits is lost only if the process dies without stopping
/// (SIGKILL, power loss): at most the last interval's entries, never the objects'.
/// </summary>
public sealed partial class PodHistoryRecorder(IStore store, TimeProvider clock, HistoryOptions options, ILogger? log = null) : IWriteObserver
{
    const int Attempts = 10;
    static readonly ResourceDefinition Timelines = PodTimelineResource.Definition;

    readonly TimelineCache _cache = new(options.CachedTimelines);
    readonly TimelineExpiryIndex _deleted = new();
    // One timeline's changes are applied in the order their objects were committed (their revisions). A flush leaves
    // a timeline alone while a write of its objects is committing, whose change may come before those queued already;
    // so no write waits for another (a gate held across each commit made a pod's event wait for its status write's
    // commit, and writes of pods sharing a gate for each other: about a tenth of a pod's CPU at full speed).
    readonly ConcurrentDictionary<string, PendingChanges> _pending = new(StringComparer.Ordinal);
    // One flush (or sweep step) at a time: each owns the timelines it takes, and the cache entries of those.
    readonly SemaphoreSlim _flushing = new(1, 1);
    // Released once for the first change that waits since the last flush began (_flushAsked 1 until then).
    readonly SemaphoreSlim _changesWaiting = new(0);
    int _flushAsked;

    /// <summary>What a write does to one pod's timeline (null from it: nothing to record); NewPod when it creates the pod.</summary>
    readonly record struct TimelineChange(string Namespace, string Name, Func<PodTimeline?, PodTimeline?> Apply, bool NewPod = false);

    /// <summary>A change and the revision its object's write was committed at, which orders it among the timeline's changes.</summary>
    readonly record struct CommittedChange(long Revision, TimelineChange Change);

    /// <summary>
    /// A timeline's changes not written yet, and how many writes of its objects are committing; Taken once a flush has
    /// them (a later write starts anew).
    /// </summary>
    sealed class PendingChanges
    {
        public readonly List<CommittedChange> Changes = [];
        public int Committing;
        public bool Taken;
    }

    /// <summary>How many timelines have changes waiting to be written.</summary>
    public int PendingTimelines => _pending.Count;

    public Task<KeyValue> WriteAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, StoreWrite write, CancellationToken ct)
    {
        var change = def switch
        {
            { Group: "", Resource: "pods" } => PodChange(old, current, write.Kind == StoreWriteKind.Create),
            { StorageResource: "events" } => EventChange(def, old, current),
            _ => null,
        };
        return change is { } c ? WriteAndQueueAsync(write, c, ct) : WriteAloneAsync(write, ct);
    }

    async Task<KeyValue> WriteAndQueueAsync(StoreWrite write, TimelineChange c, CancellationToken ct)
    {
        var key = Timelines.Key(c.Namespace, c.Name);
        var pending = BeginCommit(key);
        KeyValue written;
        try
        {
            written = await WriteAloneAsync(write, ct);
        }
        catch
        {
            // A refused write records nothing.
            EndCommit(key, pending, null);
            throw;
        }
        EndCommit(key, pending, new CommittedChange(written.ModRevision, c));
        return written;
    }

    // Counts a write of the timeline's objects as committing, so that no flush takes the timeline's changes until its
    // change is queued.
    PendingChanges BeginCommit(string key) => Untaken(key, static pending => pending.Committing++);

    // The key's changes that no flush has taken, changed under their lock by `change`; a flush that took them just now
    // leaves them for the next one to start anew.
    PendingChanges Untaken(string key, Action<PendingChanges> change)
    {
        while (true)
        {
            var pending = _pending.GetOrAdd(key, static _ => new PendingChanges());
            lock (pending)
            {
                if (!pending.Taken)
                {
                    change(pending);
                    return pending;
                }
            }
            _pending.TryRemove(new KeyValuePair<string, PendingChanges>(key, pending));
        }
    }

    void EndCommit(string key, PendingChanges pending, CommittedChange? change)
    {
        bool waiting, empty;
        lock (pending)
        {
            pending.Committing--;
            if (change is { } c) pending.Changes.Add(c);
            waiting = pending.Changes.Count > 0;
            empty = !waiting && pending.Committing == 0;
            if (empty) pending.Taken = true;
        }
        if (empty) _pending.TryRemove(new KeyValuePair<string, PendingChanges>(key, pending));
        else if (waiting) AskForFlush();
    }

    void AskForFlush()
    {
        if (Interlocked.Exchange(ref _flushAsked, 1) == 0) _changesWaiting.Release();
    }

    /// <summary>Writes what waits for the timelines <paramref name="def"/> reads (of <paramref name="name"/> only, when given), before a read of them.</summary>
    public Task SettleAsync(ResourceDefinition def, string ns, string? name, CancellationToken ct) =>
        def != Timelines ? Task.CompletedTask
        : FlushAsync(name is null ? null : Timelines.Key(ns, name), untilCommitted: true, ct);

    TimelineChange? PodChange(JsonObject? old, JsonObject? current, bool create)
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
        return new(current.Namespace(), current.Name(), t => TimelineRecording.PodWritten(t, before, pod, now, options.MaxEntries), create);
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

    // Puts back changes a flush took and could not write; their revisions keep them before any that came since.
    void Requeue(string key, List<CommittedChange> changes)
    {
        Untaken(key, pending => pending.Changes.AddRange(changes));
        AskForFlush();
    }

    /// <summary>The timeline's changes in commit order, taken from what waits; none while a write of its objects commits.</summary>
    bool TryTake(string key, out List<CommittedChange>? changes)
    {
        changes = null;
        if (!_pending.TryGetValue(key, out var pending)) return true;
        lock (pending)
        {
            if (pending.Committing > 0) return false;
            pending.Taken = true;
            changes = pending.Changes;
        }
        _pending.TryRemove(new KeyValuePair<string, PendingChanges>(key, pending));
        changes.Sort(static (a, b) => a.Revision.CompareTo(b.Revision));
        return true;
    }

    /// <summary>
    /// Writes every timeline that has changes waiting, those of writes still committing once they are queued (as a
    /// read through the API does, and the server when it stops).
    /// </summary>
    public Task FlushAsync(CancellationToken ct = default) => FlushAsync(null, untilCommitted: true, ct);

    // How long a flush for a read waits for the writes committing when it began: a write commits within milliseconds
    // unless the store stalls, and then the read goes on with what was queued.
    static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Writes the changes waiting for one timeline (<paramref name="key"/>), or for all of them (null), at once. A timeline
    /// with a write of its objects committing is left for the next flush, or, <paramref name="untilCommitted"/>, written
    /// once that write's change is queued.
    /// </summary>
    async Task FlushAsync(string? key, bool untilCommitted, CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            IEnumerable<string> keys = key is null ? _pending.Keys : [key];
            var since = untilCommitted ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            while (true)
            {
                var writes = new List<Task>();
                List<string>? busy = null;
                foreach (var k in keys)
                {
                    if (!TryTake(k, out var changes)) (busy ??= []).Add(k);
                    else if (changes is { Count: > 0 }) writes.Add(WriteTimelineAsync(k, changes));
                }
                await Task.WhenAll(writes);
                if (busy is null || !untilCommitted || System.Diagnostics.Stopwatch.GetElapsedTime(since) > CommitWait) return;
                keys = busy;
                await Task.Delay(1, ct);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>
    /// Flushes <see cref="HistoryOptions.FlushInterval"/> after a change comes to wait, until cancelled (the server flushes
    /// once more when it stops). An idle server is not woken.
    /// </summary>
    async Task RunFlushesAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await _changesWaiting.WaitAsync(ct);
                // Real time, not the cluster's clock: the interval bounds how long a watcher waits, in anyone's seconds.
                await Task.Delay(options.FlushInterval, ct);
                // A change queued from here on asks for the next flush, even if this one takes it.
                Volatile.Write(ref _flushAsked, 0);
                try { await FlushAsync(null, untilCommitted: false, ct); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not expected (each timeline's failures are caught where they happen), but no reason to stop recording.
                    log?.LogError(e, "writing the lifecycle history failed");
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>
    /// Applies <paramref name="changes"/> to the timeline and writes it, with a compare-and-swap on the revision it read.
    /// A conflict (another server, the sweep) reads it again and applies them again; should it keep changing, they are
    /// not recorded. A store that fails keeps them for the next flush. Runs to its end whoever stops waiting: the
    /// changes are taken.
    /// </summary>
    async Task WriteTimelineAsync(string key, List<CommittedChange> changes)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            (long Revision, PodTimeline? Timeline) cached;
            try
            {
                cached = _cache.TryGet(key, out var hit) ? (hit.Revision, hit.Timeline)
                    // A new pod starts its timeline afresh whatever an earlier pod of that name left: assume there is
                    // none rather than read it for every create; if there is, the create is refused and the retry reads it.
                    : attempt == 0 && changes[0].Change.NewPod ? (0, null)
                    : await LoadAsync(key);
            }
            catch (StoreException e) when (e is not CompactedException)
            {
                Keep(key, changes, e);
                return;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                log?.LogError(e, "the stored lifecycle history of pod {Namespace}/{Name} cannot be read; {Count} changes are not recorded", changes[0].Change.Namespace, changes[0].Change.Name, changes.Count);
                return;
            }
            var (revision, timeline) = cached;
            if (Applied(timeline, changes) is not { } next) return;
            var bytes = PodTimelineJson.ToUtf8(next.ResourceVersion.Length == 0 ? next : next with { ResourceVersion = "" }, Http.HttpJson.WriterOptions);
            var record = revision == 0 ? StoreWrite.Create(key, bytes) : StoreWrite.Update(key, bytes, revision);
            try
            {
                var written = (await store.WriteAsync([record], CancellationToken.None))[0].ModRevision;
                // A deleted pod's timeline is hardly written again: it goes in cold, the first to make room.
                _cache.Set(key, new(written, next), cold: next.PodDeletedAt is not null);
                _deleted.Saw(key, written, next.PodDeletedAt);
                return;
            }
            catch (StoreException e) when (RefusedKey(e) == key)
            {
                _cache.Forget(key);
            }
            catch (StoreException e)
            {
                Keep(key, changes, e);
                return;
            }
        }
        var first = changes[0].Change;
        log?.LogWarning("the lifecycle history of pod {Namespace}/{Name} kept changing; {Count} changes are not recorded", first.Namespace, first.Name, changes.Count);
    }

    // The timeline with the changes applied; null when there is nothing to write. A rule that fails loses these changes
    // (logged), not the flush nor the read that asked for it.
    PodTimeline? Applied(PodTimeline? timeline, List<CommittedChange> changes)
    {
        var next = timeline;
        try
        {
            foreach (var change in changes) next = change.Change.Apply(next) ?? next;
        }
        catch (Exception e)
        {
            log?.LogError(e, "recording the lifecycle history of pod {Namespace}/{Name} failed", changes[0].Change.Namespace, changes[0].Change.Name);
            return null;
        }
        if (next is null || ReferenceEquals(next, timeline)) return null;
        return next.Uid.Length == 0 ? next with { Uid = Guid.NewGuid().ToString() } : next;
    }

    void Keep(string key, List<CommittedChange> changes, StoreException e)
    {
        log?.LogWarning(e, "cannot write the lifecycle history of pod {Namespace}/{Name}; trying again at the next flush", changes[0].Change.Namespace, changes[0].Change.Name);
        Requeue(key, changes);
    }

    static string? RefusedKey(StoreException e) => e switch
    {
        ConflictException c => c.Key,
        KeyExistsException x => x.Key,
        KeyNotFoundInStoreException n => n.Key,
        _ => null,
    };

    // Not cancelled: a flush runs to its end, its changes taken.
    async Task<(long Revision, PodTimeline? Timeline)> LoadAsync(string key)
    {
        var kv = await store.GetAsync(key);
        return kv is null ? (0, null) : (kv.ModRevision, TimelineReader.Read(kv.Value));
    }
}
