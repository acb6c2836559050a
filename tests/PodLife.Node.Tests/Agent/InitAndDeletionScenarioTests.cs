using k8s;
using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>Acceptance scenarios 1, 6 and 7: init containers, deletion with preStop, sidecars and multi-container pods.</summary>
public sealed class InitAndDeletionScenarioTests
{
    [Fact]
    public async Task A_pod_with_a_slow_image_and_an_init_container_shows_Init_0_of_1_while_initializing()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("seed", new V1Container { Name = "web", Image = "nginx:1.27" });
        pod.Spec.InitContainers = [NodeHarness.Shell("setup", "sleep 5")];
        await h.RunAsync(pod);

        var initializing = await h.UntilAsync("seed", p => p.Status?.InitContainerStatuses?.SingleOrDefault()?.State?.Running is not null, what: "init running");
        Assert.Equal(("Pending", "Init:0/1"), (initializing.Status.Phase, (await h.RowAsync("seed")).Status));
        Assert.Equal("PodInitializing", initializing.Status.ContainerStatuses.Single().State.Waiting.Reason);
        var init = initializing.Status.Conditions.Single(c => c.Type == "Initialized");
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [setup]"), (init.Status, init.Reason, init.Message));
        Assert.Equal("True", initializing.Status.Conditions.Single(c => c.Type == "PodScheduled").Status);

        var running = await h.UntilAsync("seed", p => p.Status.Phase == PodPhase.Running && p.Status.ContainerStatuses.Single().Ready, what: "Running");
        Assert.Equal(("Completed", 0), (running.Status.InitContainerStatuses.Single().State.Terminated.Reason, running.Status.InitContainerStatuses.Single().State.Terminated.ExitCode));
        Assert.Equal("Running", (await h.RowAsync("seed")).Status);
    }

    [Fact]
    public async Task Deleting_a_running_pod_runs_preStop_stops_the_container_and_removes_the_pod()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("main", "trap 'exit 0' TERM; while true; do sleep 1; done");
        container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "sleep 2"] } } };
        await h.RunAsync(NodeHarness.Pod("doomed", container));
        await h.UntilAsync("doomed", p => p.Status?.Phase == PodPhase.Running, what: "Running");

        await h.Client.CoreV1.DeleteNamespacedPodAsync("doomed", "default", cancellationToken: NodeHarness.Token);
        var terminating = await h.GetAsync("doomed");
        Assert.Equal("Terminating", (await h.RowAsync("doomed")).Status);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        await h.UntilGoneAsync("doomed");
        var events = await h.EventsAsync("doomed");
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Stopping container main");
        Assert.DoesNotContain(events, e => e.Reason == "FailedPreStopHook");
    }

    [Fact]
    public async Task A_sidecar_and_two_containers_count_three_in_READY_and_the_pod_runs()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("multi", NodeHarness.Shell("a", "sleep 3600"), NodeHarness.Shell("b", "sleep 3600"));
        var sidecar = NodeHarness.Shell("proxy", "sleep 3600");
        sidecar.RestartPolicy = "Always";
        pod.Spec.InitContainers = [sidecar];
        await h.RunAsync(pod);

        var running = await h.UntilAsync("multi", p => p.Status?.ContainerStatuses?.All(s => s.Ready) == true && p.Status.ContainerStatuses.Count == 2, what: "all ready");

        Assert.Equal(PodPhase.Running, running.Status.Phase);
        var row = await h.RowAsync("multi");
        Assert.Equal(("3/3", "Running"), (row.Ready, row.Status));
        var proxy = running.Status.InitContainerStatuses.Single();
        Assert.True(proxy.Started);
        Assert.NotNull(proxy.State.Running);
    }

    [Fact]
    public async Task Once_the_regular_containers_have_completed_the_sidecar_is_stopped_and_the_pod_succeeds()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = NodeHarness.Pod("job", NodeHarness.Shell("work", "echo done; sleep 2; exit 0"));
        pod.Spec.RestartPolicy = "Never";
        // A shell loop as PID 1 ignores SIGTERM: it stops only at the SIGKILL that ends the 30-s grace period.
        var sidecar = NodeHarness.Shell("shipper", "while true; do sleep 5; done");
        sidecar.RestartPolicy = "Always";
        pod.Spec.InitContainers = [sidecar];
        await h.RunAsync(pod);
        await h.UntilAsync("job", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Terminated is not null, what: "work completed");

        // kubelet's computePodActions: no regular container left running or to be restarted, so the pod is killed,
        // sidecars included (a sidecar would otherwise keep it Running for ever), and it is not restarted.
        var done = await h.UntilAsync("job", p => p.Status?.Phase == PodPhase.Succeeded, what: "Succeeded");
        var shipper = done.Status.InitContainerStatuses.Single();
        Assert.Equal(137, shipper.State.Terminated?.ExitCode);
        Assert.Equal(0, shipper.RestartCount);
        Assert.Equal(("0/2", "Completed"), ((await h.RowAsync("job")).Ready, (await h.RowAsync("job")).Status));
        var events = await h.EventsAsync("job");
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Stopping container shipper");
    }
}
