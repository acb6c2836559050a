using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Scheduler.Api;

/// <summary>
/// Writes events.k8s.io/v1 events the way client-go's events broadcaster does (tools/events/event_broadcaster.go), so
/// `kubectl describe` shows "(x2 over 40s)" rather than one line per retry: an event isomorphic to a recent one (same
/// type, action, reason, reporter, regarding object at the same resourceVersion, and related object; the note does not
/// count) becomes a series on its second occurrence and is patched with count 2; later occurrences only count up locally
/// and reach the server when the series is refreshed (every 30 min) or finishes (6 min without a new occurrence).
/// </summary>
public sealed class EventSeriesRecorder(IClusterApi api, TimeProvider time)
{
    /// <summary>A series with no occurrence for this long is finished: its final count is written and it is forgotten.</summary>
    public static readonly TimeSpan FinishAfter = TimeSpan.FromMinutes(6);

    /// <summary>Live series are written again this often so their count and last observation stay current.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(30);

    readonly Lock _lock = new();
    readonly Dictionary<EventKey, Kept> _recent = [];

    /// <summary>Records one occurrence: creates the event, starts or counts its series, as the broadcaster would.</summary>
    public Task RecordAsync(Eventsv1Event ev, CancellationToken ct)
    {
        Eventsv1Event? write;
        lock (_lock)
            write = Observe(ev, time.GetUtcNow());
        return write is null ? Task.CompletedTask : WriteAsync(write, ct);
    }

    /// <summary>Writes the final count of every series idle for <see cref="FinishAfter"/> and forgets old singletons.</summary>
    public async Task FinishSeriesAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Eventsv1Event> finished = [];
        lock (_lock)
        {
            foreach (var (key, kept) in _recent.ToList())
            {
                if (kept.LastObserved is { } at && now - new DateTimeOffset(at, TimeSpan.Zero) <= FinishAfter) continue;
                _recent.Remove(key);
                if (kept.SeriesEvent is { } series) finished.Add(Copy(series));
            }
        }
        foreach (var ev in finished) await WriteAsync(ev, ct);
    }

    /// <summary>Writes every live series again (the broadcaster's 30-minute refresh).</summary>
    public async Task RefreshSeriesAsync(CancellationToken ct)
    {
        List<Eventsv1Event> live;
        lock (_lock)
            live = [.. _recent.Values.Where(k => k.SeriesEvent is not null).Select(k => Copy(k.SeriesEvent!))];
        foreach (var ev in live) await WriteAsync(ev, ct);
    }

    /// <summary>Runs the finish pass every <see cref="FinishAfter"/> and the refresh pass every <see cref="RefreshEvery"/>.</summary>
    public Task RunAsync(CancellationToken ct) =>
        Task.WhenAll(EveryAsync(FinishAfter, FinishSeriesAsync, ct), EveryAsync(RefreshEvery, RefreshSeriesAsync, ct));

    Eventsv1Event? Observe(Eventsv1Event ev, DateTimeOffset now)
    {
        var key = EventKey.Of(ev);
        if (!_recent.TryGetValue(key, out var kept))
        {
            _recent[key] = new Kept(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ev, ModelJson.Options), ev.EventTime);
            return ev;
        }
        if (kept.SeriesEvent?.Series is { } series)
        {
            series.Count++;
            series.LastObservedTime = now.UtcDateTime;
            return null;
        }
        var first = kept.StartSeries();
        first.Series = new Eventsv1EventSeries { Count = 2, LastObservedTime = now.UtcDateTime };
        return Copy(first);
    }

    /// <summary>
    /// A recent event: its first occurrence as JSON until a second one makes it a series (then the event, which counts
    /// up). With 100,000 pods scheduled in a few minutes, every Scheduled event is kept six minutes: a few hundred bytes
    /// each rather than an object graph.
    /// </summary>
    sealed class Kept(byte[] json, DateTime? eventTime)
    {
        byte[]? _json = json;

        /// <summary>The event once it is a series (null while it is a single occurrence).</summary>
        public Eventsv1Event? SeriesEvent { get; private set; }

        public DateTime? LastObserved => SeriesEvent?.Series?.LastObservedTime ?? eventTime;

        /// <summary>The first occurrence, decoded to become the series' event.</summary>
        public Eventsv1Event StartSeries()
        {
            SeriesEvent = System.Text.Json.JsonSerializer.Deserialize<Eventsv1Event>(_json!, ModelJson.Options)!;
            _json = null;
            return SeriesEvent;
        }
    }

    async Task WriteAsync(Eventsv1Event ev, CancellationToken ct)
    {
        if (ev.Series is { } series)
        {
            try
            {
                // A model, not an anonymous object: the published binary is compiled ahead of time and serializes
                // KubernetesClient's models from their generated metadata; an anonymous type's members are not there.
                var patch = new Eventsv1Event { Series = new Eventsv1EventSeries { Count = series.Count, LastObservedTime = series.LastObservedTime } };
                await api.PatchEventAsync(ev.Metadata.NamespaceProperty, ev.Metadata.Name, patch, ct);
                return;
            }
            catch (ClusterApiException e) when (e.IsNotFound) { } // the first event is gone: create the series anew
        }
        ev.Metadata.ResourceVersion = null;
        await api.CreateEventAsync(ev, ct);
    }

    async Task EveryAsync(TimeSpan period, Func<CancellationToken, Task> pass, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(period, time, ct); }
            catch (OperationCanceledException) { return; }
            try { await pass(ct); }
            catch (ClusterApiException) { } // best effort, as in client-go: the next pass tries again
        }
    }

    // A deep copy through KubernetesClient's own serialization (ModelJson.Options is its options), as UTF-8 rather than a string.
    static Eventsv1Event Copy(Eventsv1Event ev) =>
        System.Text.Json.JsonSerializer.Deserialize<Eventsv1Event>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(ev, ModelJson.Options), ModelJson.Options)!;

    /// <summary>client-go's eventKey: what makes two events "the same" for series purposes.</summary>
    readonly record struct EventKey(string? Type, string? Action, string? Reason, string? Controller, string? Instance, string Regarding, string Related)
    {
        public static EventKey Of(Eventsv1Event e) =>
            new(e.Type, e.Action, e.Reason, e.ReportingController, e.ReportingInstance, Reference(e.Regarding), Reference(e.Related));

        static string Reference(V1ObjectReference? r) => r is null ? "" :
            string.Join('\0', r.Kind, r.NamespaceProperty, r.Name, r.Uid, r.ApiVersion, r.ResourceVersion, r.FieldPath);
    }
}
