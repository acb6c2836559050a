using System.Text.RegularExpressions;
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
    public async Task A_post_start_hook_that_exits_2_is_reported_with_its_exit_code_and_stderr_and_the_container_is_killed()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("app", "sleep 3600");
        container.Lifecycle = new V1Lifecycle { PostStart = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "echo oops >&2; exit 2"] } } };
        var pod = NodeHarness.Pod("bad-hook", container);
        pod.Spec.TerminationGracePeriodSeconds = 1;
        await h.RunAsync(pod);

        var failed = await h.UntilAsync("bad-hook", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount >= 1, maxSeconds: 90, what: "a restart");

        var hook = (await h.EventsAsync("bad-hook")).First(e => e.Reason == "FailedPostStartHook");
        Assert.Equal(
            $"Exec lifecycle hook ([sh -c echo oops >&2; exit 2]) for Container \"app\" in Pod \"bad-hook_default({failed.Metadata.Uid})\" " +
            "failed - error: command 'sh -c echo oops >&2; exit 2' exited with 2: oops\n, message: \"oops\"", hook.Message);
    }
}
