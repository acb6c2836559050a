using k8s;
using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// A running pod's container image changed in place (`kubectl set image pod/…`): kubelet kills the container as its
/// definition changed and starts the new image at once, whatever the restart policy.
/// </summary>
public sealed class ImageChangeScenarioTests
{
    [Theory]
    [InlineData("Always")]
    [InlineData("Never")]
    public async Task A_new_image_restarts_the_container_with_it(string restartPolicy)
    {
        await using var h = await NodeHarness.StartAsync();
        var spec = NodeHarness.Pod("web", new V1Container { Name = "web", Image = "nginx:1.27" });
        spec.Spec.RestartPolicy = restartPolicy;
        await h.RunAsync(spec);
        await h.UntilAsync("web", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null, what: "Running");

        var patch = """{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}""";
        await h.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "web", "default", cancellationToken: NodeHarness.Token);

        var pod = await h.UntilAsync("web", p => p.Status?.ContainerStatuses?.SingleOrDefault() is { RestartCount: 1, State.Running: not null }, what: "restarted");

        var status = pod.Status.ContainerStatuses.Single();
        Assert.Equal("docker.io/library/nginx:1.26", status.Image);
        Assert.NotNull(status.LastState.Terminated);
        Assert.Equal(PodPhase.Running, pod.Status.Phase);
        var events = await h.EventsAsync("web");
        var killing = Assert.Single(events, e => e.Reason == "Killing");
        Assert.Equal(("Normal", "Container web definition changed, will be restarted"), (killing.Type, killing.Message));
        Assert.Contains(events, e => e.Reason == "Pulled" && e.Message.Contains("nginx:1.26", StringComparison.Ordinal));
        Assert.Equal(2, events.Single(e => e.Reason == "Started").Count);
    }

    [Fact]
    public async Task A_new_image_for_a_crash_looping_container_starts_at_once_without_the_back_off()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("fixme", NodeHarness.Shell("app", "exit 1")));
        // After three exits the back-off is 20 s.
        await h.UntilAsync("fixme", p => p.Status?.ContainerStatuses?.SingleOrDefault() is { RestartCount: 2, State.Waiting.Reason: "CrashLoopBackOff" }, what: "in back-off");

        var patch = """{"spec":{"containers":[{"name":"app","image":"busybox:1.37"}]}}""";
        await h.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "fixme", "default", cancellationToken: NodeHarness.Token);

        var pod = await h.UntilAsync("fixme", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount == 3, maxSeconds: 8, what: "restarted within the old back-off");
        Assert.Equal("docker.io/library/busybox:1.37", pod.Status.ContainerStatuses.Single().Image);
    }
}
