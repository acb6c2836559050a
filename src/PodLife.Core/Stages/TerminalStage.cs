using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Core.Stages;

/// <summary>Explains why a pod reached Succeeded or Failed.</summary>
internal static class TerminalStage
{
    public static StageResult Explain(V1Pod pod, string phase)
    {
        if (phase == PodPhase.Succeeded)
            return Done("phase Succeeded: all containers exited with code 0 and will not be restarted");

        var status = pod.Status;
        if (!string.IsNullOrEmpty(status?.Reason))
            return Done(string.IsNullOrEmpty(status.Message)
                ? $"phase Failed: {status.Reason}"
                : $"phase Failed: {status.Reason}: {status.Message}");

        var failed = StageText.Statuses(status?.InitContainerStatuses).Select(s => ("init container", s))
            .Concat(StageText.Statuses(status?.ContainerStatuses).Select(s => ("container", s)))
            .Select(x => (x.Item1, x.s, ended: x.s.State?.Terminated ?? x.s.LastState?.Terminated))
            .FirstOrDefault(x => x.ended is { ExitCode: not 0 });
        return failed.ended is null
            ? Done("phase Failed")
            : Done($"phase Failed: {StageText.Exited(failed.Item1, failed.s.Name, failed.ended)}");
    }

    static StageResult Done(string reason) => new(LifecycleStage.Terminated, reason);
}
