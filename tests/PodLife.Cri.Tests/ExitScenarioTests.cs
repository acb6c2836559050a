using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Cri.Tests;

/// <summary>Pods that run to completion, fail, or exceed their memory, with real processes (the acceptance list).</summary>
public sealed class ExitScenarioTests(ContainerdFixture fixture)
{
    [Fact]
    public async Task A_pod_that_echoes_hi_and_exits_0_goes_Running_then_Succeeded_and_its_log_says_hi()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        await h.RunAsync(CriNodeHarness.Pod("hi", "Never", CriNodeHarness.Shell("main", "echo hi; sleep 2; exit 0")));

        var running = await h.UntilAsync("hi", p => p.Status?.Phase == PodPhase.Running, what: "Running");
        Assert.StartsWith("10.88.", running.Status.PodIP, StringComparison.Ordinal);
        var done = await h.UntilAsync("hi", p => p.Status?.Phase == PodPhase.Succeeded, what: "Succeeded");

        var terminated = done.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("Completed", 0), (terminated.Reason, terminated.ExitCode));
        Assert.StartsWith("containerd://", done.Status.ContainerStatuses.Single().ContainerID, StringComparison.Ordinal);
        Assert.Equal("hi\n", await h.LogsAsync("hi", "main"));
    }

    [Fact]
    public async Task A_pod_whose_container_exits_3_fails_with_reason_Error_and_exit_code_3()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        await h.RunAsync(CriNodeHarness.Pod("three", "Never", CriNodeHarness.Shell("main", "exit 3")));

        var pod = await h.UntilAsync("three", p => p.Status?.Phase == PodPhase.Failed, what: "Failed");

        var terminated = pod.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("Error", 3), (terminated.Reason, terminated.ExitCode));
    }

    [Fact]
    public async Task A_memory_hog_over_its_limit_is_OOMKilled_with_exit_code_137()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        var hog = CriNodeHarness.Shell("hog", "tail /dev/zero");
        hog.Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("32Mi") } };
        await h.RunAsync(CriNodeHarness.Pod("hog", "Never", hog));

        var pod = await h.UntilAsync("hog", p => p.Status?.Phase == PodPhase.Failed, maxSeconds: 60, what: "Failed");

        var terminated = pod.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("OOMKilled", 137), (terminated.Reason, terminated.ExitCode));
    }
}
