namespace PodLife.Node.Tests.Agent;

/// <summary>
/// The exact gaps between a crashed container's exit and its next start (pkg/kubelet/kuberuntime/kuberuntime_manager.go
/// doBackOff with client-go's flowcontrol.Backoff: initial 10s, doubling, capped at 300s; an entry untouched for
/// twice the cap, 10 minutes, has expired, so a container that ran that long restarts at once).
/// The clock steps from timer to timer, so each restart happens at its due time, not at the next poll.
/// </summary>
public sealed class BackoffGapTests
{
    static async Task<List<double>> GapsAsync(NodeHarness h, string pod, int restarts, double maxSeconds)
    {
        await h.UntilAsync(pod, p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= restarts, maxSeconds: maxSeconds, what: $"{restarts} restarts");
        var sandbox = h.Agent.Workers.Single().SandboxId!;
        var instances = (await h.Runtime.ListContainersAsync(sandbox, NodeHarness.Token)).OrderBy(c => c.Config.Attempt).ToList();
        return [.. instances.Zip(instances.Skip(1), (before, after) => (after.StartedAt!.Value - before.FinishedAt!.Value).TotalSeconds).Take(restarts)];
    }

    [Fact]
    public async Task Restarts_come_within_a_second_then_after_10_20_40_80_160_and_300_seconds_and_stay_at_300()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("gaps", NodeHarness.Shell("main", "exit 1")));

        var gaps = await GapsAsync(h, "gaps", restarts: 8, maxSeconds: 1200);

        // The first restart waits only for the sync that notices the exit (kubelet: the next PLEG relist, within 1s).
        Assert.InRange(gaps[0], 0, 1);
        Assert.Equal([10, 20, 40, 80, 160, 300, 300], gaps.Skip(1));
    }

    [Fact]
    public async Task A_container_that_ran_for_more_than_10_minutes_restarts_within_a_second_every_time()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("long", NodeHarness.Shell("main", "sleep 610; exit 1")));

        var gaps = await GapsAsync(h, "long", restarts: 3, maxSeconds: 2000);

        Assert.All(gaps, gap => Assert.InRange(gap, 0, 1));
    }
}
