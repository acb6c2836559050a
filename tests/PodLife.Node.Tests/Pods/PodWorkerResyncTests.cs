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
}
