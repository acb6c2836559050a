using k8s;
using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>Acceptance scenario 4 ("error"): CrashLoopBackOff with kubelet's back-offs, and image errors.</summary>
public sealed class ErrorScenarioTests
{
    [Fact]
    public async Task A_crashing_container_restarts_at_once_then_after_10_20_and_40_seconds()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("crash", NodeHarness.Shell("main", "exit 1")));

        var pod = await h.UntilAsync("crash", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= 4, maxSeconds: 200, what: "4 restarts");

        Assert.Equal(PodPhase.Running, pod.Status.Phase);
        var events = await h.EventsAsync("crash");
        var started = events.Single(e => e.Reason == "Started");
        Assert.True(started.Count >= 5);
        var backOff = events.Single(e => e.Reason == "BackOff");
        Assert.Equal($"Back-off restarting failed container main in pod crash_default({pod.Uid()})", backOff.Message);
        Assert.Equal("Warning", backOff.Type);
        Assert.Equal("spec.containers{main}", backOff.InvolvedObject.FieldPath);
        Assert.Equal(("kubelet", NodeHarness.Node), (backOff.Source.Component, backOff.Source.Host));
    }

    [Fact]
    public async Task The_waiting_message_of_a_crash_loop_names_the_current_back_off()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("loop", NodeHarness.Shell("main", "exit 1")));

        var pod = await h.UntilAsync("loop", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff", what: "CrashLoopBackOff");

        var status = pod.Status.ContainerStatuses.Single();
        Assert.Equal($"back-off 10s restarting failed container=main pod=loop_default({pod.Uid()})", status.State.Waiting.Message);
        Assert.Equal(1, status.RestartCount);
        Assert.Equal(("Error", 1), (status.LastState.Terminated.Reason, status.LastState.Terminated.ExitCode));
        Assert.Equal("CrashLoopBackOff", (await h.RowAsync("loop")).Status);
        Assert.Equal(PodPhase.Running, pod.Status.Phase);
    }

    [Fact]
    public async Task Once_the_pod_is_being_deleted_a_crash_looping_container_shows_its_last_exit_not_the_back_off()
    {
        await using var h = await NodeHarness.StartAsync();
        // The other container ignores SIGTERM, so the deletion takes the grace period and the status can be read meanwhile.
        await h.RunAsync(NodeHarness.Pod("going", NodeHarness.Shell("loop", "exit 1"), NodeHarness.Shell("stay", "trap '' TERM; sleep 3600")));
        await h.UntilAsync("going", p => p.Status?.ContainerStatuses?.SingleOrDefault(c => c.Name == "loop")?.State?.Waiting?.Reason == "CrashLoopBackOff", what: "CrashLoopBackOff");

        await h.Client.CoreV1.DeleteNamespacedPodAsync("going", "default", cancellationToken: NodeHarness.Token);
        var pod = await h.UntilAsync("going", p => p.Status?.ContainerStatuses?.Single(c => c.Name == "loop").State?.Terminated is not null, what: "terminated while deleting");

        // kubelet's ShouldContainerBeRestarted is false for a pod being deleted, so no Waiting reason covers the exit.
        var loop = pod.Status.ContainerStatuses.Single(c => c.Name == "loop");
        Assert.Equal(("Error", 1), (loop.State.Terminated.Reason, loop.State.Terminated.ExitCode));
        Assert.NotNull(pod.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task A_missing_image_tag_gives_ErrImagePull_then_ImagePullBackOff_and_the_pod_stays_Pending()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("nope", new V1Container { Name = "web", Image = "nginx:doesnotexist" }));

        // The ErrImagePull status lasts only until the next sync inside the back-off window, which a polling test can
        // step over; the events below prove it was reported.
        var backedOff = await h.UntilAsync("nope", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff", what: "ImagePullBackOff");

        // kubelet 1.32+ keeps the failed pull's error in the back-off's message; the BackOff event has the message alone.
        var waiting = backedOff.Status.ContainerStatuses.Single().State.Waiting.Message;
        Assert.StartsWith("Back-off pulling image \"nginx:doesnotexist\": ErrImagePull: rpc error: code = NotFound", waiting, StringComparison.Ordinal);
        Assert.Equal(PodPhase.Pending, backedOff.Status.Phase);
        var messages = (await h.EventsAsync("nope")).Select(e => e.Message).ToList();
        Assert.Contains("Back-off pulling image \"nginx:doesnotexist\"", messages);
        Assert.Contains("Failed to pull image \"nginx:doesnotexist\": " + waiting["Back-off pulling image \"nginx:doesnotexist\": ErrImagePull: ".Length..], messages);
        Assert.Contains("Error: ErrImagePull", messages);
        Assert.Contains("Error: ImagePullBackOff", messages);
        Assert.Contains(messages, m => m.StartsWith("Failed to pull image \"nginx:doesnotexist\": rpc error: code = NotFound", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unparseable_image_gives_InvalidImageName()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("bad", new V1Container { Name = "web", Image = "NGINX::bad" }));

        var pod = await h.UntilAsync("bad", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "InvalidImageName", what: "InvalidImageName");

        var message = pod.Status.ContainerStatuses.Single().State.Waiting.Message;
        Assert.StartsWith("Failed to apply default image tag \"NGINX::bad\": couldn't parse image name \"NGINX::bad\": ", message, StringComparison.Ordinal);
        Assert.Contains("invalid reference format", message, StringComparison.Ordinal);
        Assert.Equal(("Pending", "InvalidImageName"), (pod.Status.Phase, (await h.RowAsync("bad")).Status));
    }
}
