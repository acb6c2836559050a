using System.Collections.Concurrent;
using System.Diagnostics;
using k8s;
using k8s.Models;

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
    long _events;
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
            // The server ends a watch that falls too far behind (as kube-apiserver does): watch again from the last
            // change seen, as client-go's reflector does. A watch that ends before its first event was refused: its
            // resourceVersion is compacted (410 Gone, which KubernetesClient's watcher drops instead of raising), so
            // watching from it again would be refused for ever: list again and watch from the list, as the reflector does.
            var resourceVersion = list.Metadata.ResourceVersion;
            while (!timer._stop.IsCancellationRequested)
            {
                var delivered = false;
                await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: resourceVersion, cancellationToken: timer._stop.Token))
                {
                    delivered = true;
                    resourceVersion = pod.ResourceVersion();
                    timer.Record(pod, Stopwatch.GetTimestamp(), reached);
                }
                if (!delivered && !timer._stop.IsCancellationRequested) resourceVersion = await timer.RelistAsync(client, reached);
            }
        }, CancellationToken.None);
        return timer;
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
    // arrived now; returns where to watch from.
    async Task<string> RelistAsync(Kubernetes client, Func<V1Pod, bool> reached)
    {
        string? next = null, resourceVersion = null;
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
