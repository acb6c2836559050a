using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.Tests.Fakes;

namespace PodLife.Scheduler.Tests;

// How the informer recovers when its watch ends badly.
public sealed class InformerTests
{
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    int _lists;

    Informer<V1Pod> Watching(Func<int, Exception> failure) => new(
        _ => Task.FromResult(new Listed<V1Pod>([Objects.Pod($"p{Interlocked.Increment(ref _lists)}")], $"{_lists}")),
        (_, ct) => Failing(failure(Volatile.Read(ref _lists)), ct),
        _time, NullLogger.Instance);

    static async IAsyncEnumerable<(WatchEventType, V1Pod)> Failing(Exception e, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        throw e;
#pragma warning disable CS0162 // an iterator needs a yield to be one
        yield break;
#pragma warning restore CS0162
    }

    [Fact]
    public async Task AWatchThatFellBehindCompactionRelistsAtOnce()
    {
        using var cts = new CancellationTokenSource();
        var informer = Watching(_ => new ClusterApiException(410, "too old resource version: 1 (5)"));
        var run = informer.RunAsync(cts.Token);

        // No time passes on the fake clock: the relists come without the retry delay.
        await Eventually.True(() => Volatile.Read(ref _lists) >= 3, "three lists");
        Assert.StartsWith("p", Assert.Single(informer.Snapshot()).Metadata.Name);
        await StopAsync(cts, run);
    }

    [Fact]
    public async Task AFailedWatchRelistsAfterTheRetryDelay()
    {
        using var cts = new CancellationTokenSource();
        var informer = Watching(_ => new ClusterApiException(500, "boom"));
        var run = informer.RunAsync(cts.Token);

        await Eventually.True(() => Volatile.Read(ref _lists) == 1, "the first list");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref _lists));
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => Volatile.Read(ref _lists) == 2, "a relist one second later");
        await StopAsync(cts, run);
    }

    [Fact]
    public async Task EverySubscriberHearsTheListAndASubscriberAfterTheStartIsRefused()
    {
        using var cts = new CancellationTokenSource();
        var informer = Watching(_ => new ClusterApiException(500, "boom"));
        var (first, second) = (new List<string>(), new List<string>());
        informer.Subscribe((_, pod) => { lock (first) first.Add(pod.Metadata.Name); }, _ => { });
        informer.Subscribe((_, pod) => { lock (second) second.Add(pod.Metadata.Name); }, _ => { });
        var run = informer.RunAsync(cts.Token);

        await Eventually.True(() => { lock (second) return second.Count == 1; }, "both subscribers hear the listed pod");
        lock (first) Assert.Equal(["p1"], first);
        Assert.Throws<InvalidOperationException>(() => informer.Subscribe((_, _) => { }, _ => { }));
        await StopAsync(cts, run);
    }

    // RunAsync ends when stopped, by returning or by throwing the cancellation, depending on where it was.
    static async Task StopAsync(CancellationTokenSource cts, Task run)
    {
        await cts.CancelAsync();
        try { await run; }
        catch (OperationCanceledException) { }
    }
}
