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
    readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly CancellationTokenSource _stop;
    Task _watch = Task.CompletedTask;

    PodLatencyWatch(CancellationToken ct) => _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

    /// <summary>Starts watching from the current list; <paramref name="expected"/> pods reaching the state completes <see cref="AllReached"/>.</summary>
    public static async Task<PodLatencyWatch> StartAsync(Kubernetes client, int expected, Func<V1Pod, bool> reached, CancellationToken ct)
    {
        var timer = new PodLatencyWatch(ct);
        var list = await client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct);
        timer._watch = Task.Run(async () =>
        {
            await foreach (var (_, pod) in client.CoreV1.WatchListNamespacedPodAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: timer._stop.Token))
            {
                var now = Stopwatch.GetTimestamp();
                if (!reached(pod)) continue;
                if (timer._createdAt.TryGetValue(pod.Name(), out var start) && timer._latencies.TryAdd(pod.Name(), now - start) && timer._latencies.Count == expected)
                    timer._all.TrySetResult();
            }
        }, CancellationToken.None);
        return timer;
    }

    /// <summary>Stamps the start of a pod's create call.</summary>
    public void Created(string name) => _createdAt[name] = Stopwatch.GetTimestamp();

    public Task AllReached => _all.Task;

    /// <summary>How many pods have reached the state so far (for a progress bar).</summary>
    public int ReachedCount => _latencies.Count;

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
