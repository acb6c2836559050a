using System.Text.RegularExpressions;
using k8s.Models;
using PodLife.Core.Backoff;
using PodLife.Core.Lifecycle;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Explains a container that exited: when the crash loop restarts it, and what its exit code points to.</summary>
/// <remarks>kuberuntime_manager.go doBackOff: the restart waits the back-off delay counted from lastState.terminated.finishedAt;
/// the CrashLoopBackOff message names that delay ("back-off 40s restarting failed container=..."). Exit codes above 128 are
/// 128 + the signal number (137 = SIGKILL, 143 = SIGTERM).</remarks>
internal static partial class ExitAdvisor
{
    public static Guidance Advise(ExplainInput input, V1ContainerStatus status, string kind)
    {
        var waiting = status.State?.Waiting;
        if (waiting?.Reason == ContainerRestartBackoff.Reason && status.LastState?.Terminated is { } last)
            return NextRestart(input, status, kind, waiting.Message, last) + Cause(input, status.Name, kind, last, previous: true);
        if (status.State?.Terminated is { ExitCode: not 0 } ended)
            return Cause(input, status.Name, kind, ended, previous: false);
        return Guidance.None;
    }

    static Guidance NextRestart(ExplainInput input, V1ContainerStatus status, string kind, string? message, V1ContainerStateTerminated last)
    {
        var delay = DelayFrom(message) ?? BackoffSteps.DelayAfter(BackoffPolicy.ContainerRestart, status.RestartCount);
        var finished = KubeTime.ToInstant(last.FinishedAt);
        var restart = $"back-off {GoDuration.Format(delay)}, restart {status.RestartCount + 1}";
        if (finished is null) return Guidance.Of($"kubelet restarts {kind} {status.Name} after its back-off ({restart})", trouble: true);
        var wait = finished.Value + delay - input.Now;
        return Guidance.Of(wait > TimeSpan.Zero
            ? $"next restart of {kind} {status.Name} in {HumanDuration.Format(wait)} ({restart})"
            : $"restart of {kind} {status.Name} is due now ({restart}); the back-off grows to 5m0s while it keeps failing", trouble: true);
    }

    static Guidance Cause(ExplainInput input, string name, string kind, V1ContainerStateTerminated t, bool previous)
    {
        var logs = input.Kubectl("logs", $"-c {name}{(previous ? " --previous" : "")}");
        var action = (t.Reason, t.ExitCode) switch
        {
            (ContainerReasons.OOMKilled, _) => $"{kind} {name} ran out of memory (OOMKilled): raise its memory limit{Limit(input, name)} or make it use less",
            (ContainerReasons.StartError or ContainerReasons.ContainerCannotRun, _) =>
                $"{kind} {name} could not be started by the runtime: fix its command or image ({t.Message})",
            (_, 0) => $"{kind} {name} exits with code 0 but restartPolicy restarts it: run a long-lived command, or use restartPolicy OnFailure/Never (e.g. a Job) for run-to-completion work",
            (_, 126) => $"{kind} {name}'s command is not executable (exit 126): check the command and file permissions",
            (_, 127) => $"{kind} {name}'s command was not found (exit 127): check the command and the image's PATH",
            (_, 137) => $"{kind} {name} was killed with SIGKILL (exit 137): a failed liveness/startup probe or a stop that outlived the grace period; see the Killing and Unhealthy events: {input.Kubectl("describe")}",
            (_, 143) => $"{kind} {name} was stopped with SIGTERM (exit 143); see its logs: {logs}",
            _ => $"see why {kind} {name} exited with code {t.ExitCode}: {logs}",
        };
        return Guidance.Of(action: action, trouble: true);
    }

    static string Limit(ExplainInput input, string name) =>
        input.Container(name)?.Resources?.Limits is { } limits && limits.TryGetValue("memory", out var memory)
            ? $" (now {memory})"
            : "";

    // The delay in the waiting message is authoritative: a container that ran 10 minutes resets its back-off.
    static TimeSpan? DelayFrom(string? message)
    {
        var m = message is null ? null : BackoffDelay().Match(message);
        if (m is null || !m.Success) return null;
        static int Part(Group g) => g.Success ? int.Parse(g.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(m.Groups["h"]), Part(m.Groups["m"]), Part(m.Groups["s"]));
    }

    [GeneratedRegex(@"^back-off (?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)? restarting")]
    private static partial Regex BackoffDelay();
}
