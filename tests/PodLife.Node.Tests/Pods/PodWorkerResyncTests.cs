using k8s;
using k8s.Models;
using PodLife.Node.Pods;
using PodLife.Node.Tests.Agent;

namespace PodLife.Node.Tests.Pods;

/// <summary>kubelet's periodic pod worker resync (pod_workers.go: every syncFrequency, 1 min, plus up to 50% jitter).</summary>
public sealed class PodWorkerResyncTests
{
    [Fact]
    public async Task A_worker_that_hears_of_no_event_still_notices_its_container_exited_at_the_next_resync()
    {
        await using var h = await NodeHarness.StartAsync();
        // A worker on its own, with nobody passing it runtime events: only the resync can tell it the container exited.
        const string Node = "deaf-node";
        // It exits after the sync that follows the new sandbox (kubelet's relist of it), so only the resync can see it.
        var pod = NodeHarness.Pod("deaf", NodeHarness.Shell("main", "sleep 5; exit 1"));
        pod.Spec.NodeName = Node;
        var created = await h.Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: NodeHarness.Token);
        await using var lone = h.StartLoneWorker(Node, created);

        var restarted = await h.UntilAsync("deaf", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount == 1, maxSeconds: 200, what: "a restart");

        var status = restarted.Status.ContainerStatuses.Single();
        var (firstStartedAt, exitedAt) = (status.LastState.Terminated.StartedAt!.Value, status.LastState.Terminated.FinishedAt!.Value);
        var restartedAt = status.State.Running?.StartedAt ?? status.State.Terminated.StartedAt!.Value;
        // Told of the exit, the worker would have restarted it after the first back-off (10 s). The resync comes one
        // interval (plus up to 50% jitter) after the worker's last sync, which was the relist a second after the start.
        Assert.True((restartedAt - exitedAt).TotalSeconds > 30, $"restarted {(restartedAt - exitedAt).TotalSeconds} s after the exit");
        Assert.InRange((restartedAt - firstStartedAt).TotalSeconds, PodWorker.ResyncInterval.TotalSeconds - 1, PodWorker.ResyncInterval.TotalSeconds * 1.5 + 3);
    }

    [Theory]
    [InlineData("2026-12-05T10:00:00.0000000Z", "2026-12-05T10:00:00.0000000Z")]
    [InlineData("2026-12-05T10:00:00.0000001Z", "2026-12-05T10:00:00.1000000Z")]
    [InlineData("2026-12-05T10:00:00.0999999Z", "2026-12-05T10:00:00.1000000Z")]
    [InlineData("2026-12-05T10:00:00.1000000Z", "2026-12-05T10:00:00.1000000Z")]
    [InlineData("2026-12-05T10:00:59.9500000Z", "2026-12-05T10:01:00.0000000Z")]
    [InlineData("2026-12-05T11:00:00.0500000+01:00", "2026-12-05T10:00:00.1000000Z")]
    public void A_resync_is_due_at_the_end_of_its_slot_of_the_clock(string due, string expected)
    {
        var rounded = PodWorker.ResyncDue(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rounded);
        Assert.Equal(TimeSpan.Zero, rounded.Offset);
    }

    [Fact]
    public void Resyncs_due_within_one_slot_share_a_due_time_and_none_comes_early()
    {
        var start = new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
        var dues = Enumerable.Range(0, 1000).Select(i => start + TimeSpan.FromTicks(i * 997L)).ToList();

        var rounded = dues.Select(PodWorker.ResyncDue).ToList();

        Assert.All(dues.Zip(rounded), pair => Assert.InRange(pair.Second - pair.First, TimeSpan.Zero, PodWorker.ResyncSlot - TimeSpan.FromTicks(1)));
        // 1,000 due times spread over ~0.1 s fall into two slots: the instant the first is due, and the slot's end.
        Assert.Equal(2, rounded.Distinct().Count());
    }
}
