using k8s;
using k8s.Models;
using PodLife.Testing;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// A node under <c>--speed 10</c>: its delays (back-off, sleeps, lease renewals) run ten times faster than the server's
/// clock, yet everything it reports carries the real time it happened, so nothing lies in the future.
/// </summary>
public sealed class SpeedClockTests
{
    [Fact]
    public async Task At_speed_10_back_off_gaps_are_a_tenth_and_every_reported_time_is_not_later_than_the_server_clock()
    {
        await using var h = await NodeHarness.StartAsync(speed: 10);
        await h.RunAsync(NodeHarness.Pod("fast", NodeHarness.Shell("main", "exit 1")));
        // While a restart waits out its back-off, the container is Waiting and lastState is the attempt that just ended.
        var runs = new SortedDictionary<int, V1ContainerStateTerminated>();

        var pod = await h.UntilAsync("fast", p =>
        {
            if (p.Status?.ContainerStatuses?.SingleOrDefault() is { State.Waiting: not null, LastState.Terminated: { } last } status) runs[status.RestartCount] = last;
            return runs.ContainsKey(5);
        }, maxSeconds: 60, what: "the fifth restart's back-off");

        // Back-offs of 10, 20, 40 and 80 simulated seconds take 1, 2, 4 and 8 real ones, and that is what the status shows.
        var gaps = Enumerable.Range(1, 4).Select(attempt => (runs[attempt + 1].StartedAt!.Value - runs[attempt].FinishedAt!.Value).TotalSeconds);
        Assert.Equal([1, 2, 4, 8], gaps);

        var now = h.Now.UtcDateTime;
        var status = pod.Status;
        var stamps = new List<DateTime?> { status.StartTime };
        stamps.AddRange(status.Conditions.Select(c => c.LastTransitionTime));
        stamps.AddRange(runs.Values.SelectMany(t => new[] { t.StartedAt, t.FinishedAt }));
        stamps.AddRange((await h.EventsAsync("fast")).SelectMany(e => new[] { e.FirstTimestamp, e.LastTimestamp }));
        var node = await h.Client.CoreV1.ReadNodeAsync(NodeHarness.Node, cancellationToken: NodeHarness.Token);
        stamps.AddRange(node.Status.Conditions.SelectMany(c => new[] { c.LastHeartbeatTime, c.LastTransitionTime }));
        var lease = await h.Client.CoordinationV1.ReadNamespacedLeaseAsync(NodeHarness.Node, "kube-node-lease", cancellationToken: NodeHarness.Token);
        stamps.Add(lease.Spec.RenewTime);
        Assert.All(stamps, stamp => Assert.InRange(stamp!.Value, ApiServerFixture.Start, now));

        var row = await h.RowAsync("fast");
        Assert.DoesNotContain("invalid", row.Restarts, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid", row.Age, StringComparison.Ordinal);
    }
}
