using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Cli.Bench;

/// <summary>
/// Times pods of the default namespace from their create call (<see cref="Created"/>) to the moment a pod watch first
/// sees them reach a state (bound, Ready); the benchmarks' shared stopwatch.
/// </summary>
sealed class PodLatencyWatch : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, long> _createdAt = new();
    readonly ConcurrentDictionary<string, long> _latencies = new();
    readonly ConcurrentDictionary<string, string> _lastSeen = new(); // pod name -> resourceVersion of the last event
    long _events, _watches, _relists;
    string _resourceVersion = "";
    readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly CancellationTokenSource _stop;
    Task _watch = Task.CompletedTask;

    readonly int _expected;

    PodLatencyWatch(int expected, CancellationToken ct) => (_expected, _stop) = (expected, CancellationTokenSource.CreateLinkedTokenSource(ct));

    /// <summary>Starts watching from the current list; <paramref name="expected"/> pods reaching the state completes <see cref="AllReached"/>.</summary>
    public static async Task<PodLatencyWatch> StartAsync(Kubernetes client, int expected, Func<V1Pod, bool> reached, CancellationToken ct)
    {
        var timer = new PodLatencyWatch(expected, ct);
        var list = await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
        timer._watch = Task.Run(async () =>
        {
            try { await timer.FollowAsync(client, list.Metadata.ResourceVersion, reached); }
            catch (Exception e) when (!timer._stop.IsCancellationRequested)
            {
                // Nothing would ever complete AllReached: say why instead of waiting out the benchmark's timeout.
                timer._all.TrySetException(new InvalidOperationException($"the benchmark's pod watch failed: {e.Message}", e));
            }
        }, CancellationToken.None);
        return timer;
    }

    // What the stopwatch reads of a pod (Record, PodStages.Observe), and no more: the benchmark's own watch shares the
    // machine with the cluster it measures, so it decodes a pod's name, resourceVersion, node, start time and conditions
    // and skips the rest, without sharing strings (it keeps no pod).
    static readonly Lazy<System.Text.Json.JsonSerializerOptions> StopwatchReads = new(() => ModelJson.DecodeKeeping(new Dictionary<Type, string[]>
    {
        [typeof(V1Pod)] = ["metadata", "spec", "status"],
        [typeof(V1ObjectMeta)] = ["name", "resourceVersion"],
        [typeof(V1PodSpec)] = ["nodeName"],
        [typeof(V1PodStatus)] = ["startTime", "conditions"],
        [typeof(V1PodCondition)] = ["type", "status"],
    }, shareStrings: false));

    // The server ends a watch that falls too far behind (as kube-apiserver does): watch again from the last change seen,
    // as client-go's reflector does; if that resourceVersion is compacted (410 Gone), list again and watch from the list.
    // Events are read from their UTF-8 lines and decoded only as far as the stopwatch reads (StopwatchReads): at full
    // speed, KubernetesClient's own watcher (a string per event, decoded twice) fell behind the cluster it measured, and
    // took its CPU.
    async Task FollowAsync(Kubernetes client, string resourceVersion, Func<V1Pod, bool> reached)
    {
        while (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _watches);
            _resourceVersion = resourceVersion;
            try
            {
                var query = ApiWatch.Query(resourceVersion, allowBookmarks: true);
                await foreach (var (type, pod) in ApiWatch.WatchAsync<V1Pod>(client, "api/v1/namespaces/default/pods", query, StopwatchReads.Value, _stop.Token))
                {
                    resourceVersion = pod.ResourceVersion();
                    if (type != WatchEventType.Bookmark) Record(pod, Stopwatch.GetTimestamp(), reached);
                }
            }
            catch (KubernetesException e) when (e.Status?.Code == 410 && !_stop.IsCancellationRequested)
            {
                resourceVersion = await RelistAsync(client, reached);
            }
        }
    }

    void Record(V1Pod pod, long now, Func<V1Pod, bool> reached)
    {
        Interlocked.Increment(ref _events);
        _lastSeen[pod.Name()] = pod.ResourceVersion();
        Stages.Observe(pod, now);
        if (!reached(pod)) return;
        if (_createdAt.TryGetValue(pod.Name(), out var start) && _latencies.TryAdd(pod.Name(), now - start) && _latencies.Count == _expected)
            _all.TrySetResult();
    }

    // Every pod as it is now, in pages (one snapshot: the first page's resourceVersion), recorded as if its watch event
    // arrived now; returns where to watch from. If the snapshot is compacted before the last page (410 Gone), the list
    // starts over, as client-go's pager then falls back to a full list.
    async Task<string> RelistAsync(Kubernetes client, Func<V1Pod, bool> reached)
    {
        while (true)
        {
            Interlocked.Increment(ref _relists);
            string? next = null, resourceVersion = null;
            try
            {
                do
                {
                    var page = await client.CoreV1.ListNamespacedPodAsync("default", limit: 500, continueParameter: next, cancellationToken: _stop.Token);
                    resourceVersion ??= page.Metadata.ResourceVersion;
                    var now = Stopwatch.GetTimestamp();
                    foreach (var pod in page.Items) Record(pod, now, reached);
                    next = page.Metadata.ContinueProperty;
                }
                while (!string.IsNullOrEmpty(next));
                return resourceVersion!;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Gone && next is not null) { }
        }
    }

    /// <summary>Stamps the start of a pod's create call.</summary>
    public void Created(string name)
    {
        var now = Stopwatch.GetTimestamp();
        _createdAt[name] = now;
        Stages.Mark(name, PodStages.Stage.CreateCalled, now);
    }

    /// <summary>Stamps the answer to a pod's create call.</summary>
    public void Answered(string name) => Stages.Mark(name, PodStages.Stage.CreateAnswered, Stopwatch.GetTimestamp());

    /// <summary>Each pod's way to Ready, stage by stage.</summary>
    public PodStages Stages { get; } = new();

    public Task AllReached => _all.Task;

    /// <summary>How many pods have reached the state so far (for a progress bar).</summary>
    public int ReachedCount => _latencies.Count;

    /// <summary>Events the watch has delivered so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>What the watch has done so far: events, watch calls, relists, the resourceVersion it last watched from.</summary>
    public string Describe() => FormattableString.Invariant(
        $"pod watch: {Events} events, {Interlocked.Read(ref _watches)} watch calls, {Interlocked.Read(ref _relists)} relists, last watched from resourceVersion {_resourceVersion}");

    /// <summary>
    /// How many pods of the default namespace the watch does not show in their current state (its last event for the
    /// pod has another resourceVersion than a list now), waiting up to <paramref name="patience"/> for it to catch up.
    /// Zero means the watch saw every pod's last change.
    /// </summary>
    public async Task<int> MissedAsync(Kubernetes client, TimeSpan patience, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var missed = 0;
            string? next = null;
            do
            {
                var page = await client.CoreV1.ListNamespacedPodAsync("default", limit: 500, continueParameter: next, cancellationToken: ct);
                missed += page.Items.Count(p => !_lastSeen.TryGetValue(p.Name(), out var seen) || seen != p.ResourceVersion());
                next = page.Metadata.ContinueProperty;
            }
            while (!string.IsNullOrEmpty(next));
            if (missed == 0 || clock.Elapsed > patience) return missed;
            await Task.Delay(500, ct);
        }
    }

    /// <summary>Stops the watch and returns the sorted latencies (in stopwatch ticks) of the pods that reached the state.</summary>
    public async Task<Latencies> StopAsync()
    {
        await _stop.CancelAsync();
        try { await _watch; } catch (OperationCanceledException) { }
        return new Latencies([.. _latencies.Values.Order()]);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>Sorted create-to-state times.</summary>
    public sealed record Latencies(IReadOnlyList<long> Sorted)
    {
        public int Count => Sorted.Count;

        public TimeSpan At(double p) => Sorted.Count == 0 ? TimeSpan.Zero
            : Stopwatch.GetElapsedTime(0, Sorted[(int)Math.Min(Sorted.Count - 1, Math.Ceiling(p * Sorted.Count) - 1)]);
    }
}
