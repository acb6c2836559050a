using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Scheduler.Api;

namespace PodLife.Scheduler.Tests;

/// <summary>A best-effort write's failure, whatever it is, is logged and does not reach the loop; cancellation does.</summary>
public sealed class BestEffortTests
{
    [Fact]
    public async Task AnApiRefusalAndAFaultOfOurOwnAreBothAbsorbed()
    {
        await BestEffort.RunAsync(() => throw new ClusterApiException(500, "etcdserver: request timed out"), NullLogger.Instance, "event");
        await BestEffort.RunAsync(() => throw new NotSupportedException("metadata for the body's type is missing"), NullLogger.Instance, "event");
    }

    [Fact]
    public async Task CancellationStillStopsTheCaller()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            BestEffort.RunAsync(() => Task.FromCanceled(cancelled.Token), NullLogger.Instance, "event"));
    }
}
