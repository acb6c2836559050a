using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Cri.Tests;

/// <summary>Restarts with back-off, image pull errors and liveness failures with real containers.</summary>
public sealed class RestartScenarioTests(ContainerdFixture fixture)
{
    [Fact]
    public async Task A_crashing_container_reaches_CrashLoopBackOff_and_the_back_off_grows_from_10s_to_20s()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        await h.RunAsync(CriNodeHarness.Pod("crash", "Always", CriNodeHarness.Shell("main", "exit 1")));

        // kubelet: the first restart is immediate, then back-off 10s, 20s, 40s … (pkg/kubelet/kuberuntime backOff).
        var first = await h.UntilAsync("crash", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff", what: "CrashLoopBackOff");
        var uid = first.Uid();
        Assert.Equal($"back-off 10s restarting failed container=main pod=crash_default({uid})", first.Status.ContainerStatuses.Single().State.Waiting.Message);
        Assert.Equal(("Error", 1), (first.Status.ContainerStatuses.Single().LastState.Terminated.Reason, first.Status.ContainerStatuses.Single().LastState.Terminated.ExitCode));

        var second = await h.UntilAsync("crash", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Message?.StartsWith("back-off 20s", StringComparison.Ordinal) == true,
            maxSeconds: 40, what: "back-off 20s");
        Assert.Equal(PodPhase.Running, second.Status.Phase);
        Assert.True(second.Status.ContainerStatuses.Single().RestartCount >= 2);
        Assert.Contains(await h.EventsAsync("crash"), e => e.Reason == "BackOff" && e.Message == $"Back-off restarting failed container main in pod crash_default({uid})");
    }

    [Fact]
    public async Task An_image_missing_from_the_registry_gives_ErrImagePull_then_ImagePullBackOff()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        await h.RunAsync(CriNodeHarness.Pod("nope", "Always", new V1Container { Name = "web", Image = "busybox:doesnotexist" }));

        var pod = await h.UntilAsync("nope", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "ImagePullBackOff", what: "ImagePullBackOff");

        Assert.StartsWith("Back-off pulling image \"busybox:doesnotexist\": ErrImagePull: ", pod.Status.ContainerStatuses.Single().State.Waiting.Message, StringComparison.Ordinal);
        Assert.Equal(PodPhase.Pending, pod.Status.Phase);
        var messages = (await h.EventsAsync("nope")).Select(e => e.Message).ToList();
        Assert.Contains("Error: ErrImagePull", messages);
        Assert.Contains(messages, m => m.StartsWith(
            "Failed to pull image \"busybox:doesnotexist\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/busybox:doesnotexist\"",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_liveness_exec_probe_restarts_the_container_and_previous_logs_stay_readable()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        var main = CriNodeHarness.Shell("main", "echo started; touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 600");
        main.LivenessProbe = new V1Probe
        {
            Exec = new V1ExecAction { Command = ["cat", "/tmp/healthy"] },
            PeriodSeconds = 1,
            FailureThreshold = 1,
        };
        await h.RunAsync(CriNodeHarness.Pod("live", "Always", main));

        var pod = await h.UntilAsync("live", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= 1, maxSeconds: 40, what: "a restart");

        var events = await h.EventsAsync("live");
        Assert.Contains(events, e => e.Reason == "Unhealthy" && e.Message.StartsWith("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Container main failed liveness probe, will be restarted");
        Assert.Equal("started\n", await h.LogsAsync("live", "main", previous: true));
        Assert.Equal(PodPhase.Running, pod.Status.Phase);
    }
}
