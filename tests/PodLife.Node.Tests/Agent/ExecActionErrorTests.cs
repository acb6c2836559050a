using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// Exec probes and hooks whose command fails in the runtime or exits non-zero, with kubelet's wording: a program the
/// image lacks is a probe error (pkg/kubelet/prober), not a failure, and a hook's event names the exit code and stderr.
/// </summary>
public sealed class ExecActionErrorTests
{
    [Fact]
    public async Task A_liveness_probe_running_a_program_the_image_lacks_errors_and_restarts_the_container()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("app", "sleep 3600");
        container.LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["healthcheck"] }, PeriodSeconds = 5 };
        var pod = NodeHarness.Pod("no-such-probe", container);
        pod.Spec.TerminationGracePeriodSeconds = 1;
        await h.RunAsync(pod);

        await h.UntilAsync("no-such-probe", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount == 1, maxSeconds: 90, what: "a restart");

        var events = await h.EventsAsync("no-such-probe");
        var unhealthy = events.Where(e => e.Reason == "Unhealthy").ToList();
        // Each message names its own exec id, so the three do not fold into one event with a count.
        Assert.True(unhealthy.Count >= 3, string.Join("\n", unhealthy.Select(e => e.Message)));
        Assert.All(unhealthy, e => Assert.Matches(new Regex(
            "^Liveness probe errored and resulted in unknown state: rpc error: code = Unknown desc = failed to exec in container: " +
            "failed to start exec \"[0-9a-f]+\": OCI runtime exec failed: exec failed: unable to start container process: " +
            Regex.Escape("exec: \"healthcheck\": executable file not found in $PATH: unknown") + "$"), e.Message));
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Container app failed liveness probe, will be restarted");
    }

    [Fact]
    public async Task A_failed_post_start_hook_kills_the_container_which_then_waits_with_PostStartHookError_and_the_hooks_output()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("app", "sleep 3600");
        container.Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "echo oops >&2; exit 2"] } } };
        var pod = NodeHarness.Pod("bad-hook", container);
        pod.Spec.TerminationGracePeriodSeconds = 1;
        await h.RunAsync(pod);

        var failed = await h.UntilAsync("bad-hook", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "PostStartHookError",
            maxSeconds: 90, what: "PostStartHookError");

        // The hook's output stays out of the event (kubelet 1.26+) and becomes the container's waiting message.
        var status = failed.Status.ContainerStatuses.Single();
        Assert.Equal(
            $"Exec lifecycle hook ([sh -c echo oops >&2; exit 2]) for Container \"app\" in Pod \"bad-hook_default({failed.Metadata.Uid})\" " +
            "failed - error: command 'sh -c echo oops >&2; exit 2' exited with 2: oops\n, message: \"oops\"", status.State.Waiting.Message);
        Assert.Equal(137, status.LastState.Terminated.ExitCode);
        Assert.Equal("PostStartHookError", (await h.RowAsync("bad-hook")).Status);
        var events = (await h.EventsAsync("bad-hook")).Select(e => $"{e.Type} {e.Reason} {e.Message}").ToList();
        var hook = events.IndexOf("Warning FailedPostStartHook PostStartHook failed");
        Assert.True(hook >= 0, string.Join("\n", events));
        Assert.Equal("Normal Killing FailedPostStartHook", events[hook + 1]);

        // The next start fails the same way, then the restart back-off holds the container.
        await h.UntilAsync("bad-hook", p => p.Status.ContainerStatuses.Single().State?.Waiting?.Reason == "CrashLoopBackOff", maxSeconds: 90, what: "CrashLoopBackOff");
    }

    [Fact]
    public async Task A_failed_pre_stop_hook_is_a_warning_without_its_output_and_the_container_still_stops()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("app", "trap 'exit 0' TERM; while true; do sleep 1; done");
        container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "echo secret >&2; exit 1"] } } };
        await h.RunAsync(NodeHarness.Pod("bad-stop", container));
        await h.UntilAsync("bad-stop", p => p.Status?.Phase == "Running", what: "Running");

        await h.Client.CoreV1.DeleteNamespacedPodAsync("bad-stop", "default", cancellationToken: NodeHarness.Token);
        await h.UntilGoneAsync("bad-stop");

        var events = (await h.EventsAsync("bad-stop")).Select(e => $"{e.Type} {e.Reason} {e.Message}").ToList();
        Assert.Contains("Warning FailedPreStopHook PreStopHook failed", events);
        Assert.DoesNotContain(events, e => e.Contains("secret"));
    }

    [Fact]
    public async Task A_liveness_kill_runs_the_containers_preStop_hook_first()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("app", "trap 'exit 0' TERM; while true; do sleep 1; done");
        container.LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["sh", "-c", "exit 1"] }, PeriodSeconds = 5, FailureThreshold = 1 };
        container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "exit 7"] } } };
        await h.RunAsync(NodeHarness.Pod("live-stop", container));

        await h.UntilAsync("live-stop", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= 1, maxSeconds: 90, what: "a restart");

        var events = (await h.EventsAsync("live-stop")).Select(e => $"{e.Type} {e.Reason} {e.Message}").ToList();
        var kill = events.IndexOf("Normal Killing Container app failed liveness probe, will be restarted");
        Assert.True(kill >= 0, string.Join("\n", events));
        Assert.Equal("Warning FailedPreStopHook PreStopHook failed", events[kill + 1]);
    }
}
