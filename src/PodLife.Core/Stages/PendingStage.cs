using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Core.Stages;

/// <summary>Explains where a healthy Pending pod is: scheduling, init containers, or container creation.</summary>
internal static class PendingStage
{
    public static StageResult Explain(V1Pod pod)
    {
        var scheduled = StageText.Condition(pod, PodConditionTypes.PodScheduled);
        if (scheduled is { Status: ConditionStatus.False, Reason: ConditionReasons.SchedulingGated })
            return Initializing("scheduling is blocked by the pod's scheduling gates");
        if (string.IsNullOrEmpty(pod.Spec?.NodeName))
            return Initializing("waiting to be scheduled to a node");

        if (InitProgress(pod) is { } init) return Initializing(init);

        var creating = StageText.Statuses(pod.Status?.ContainerStatuses)
            .Where(s => s.State?.Running is null && s.State?.Terminated is null)
            .Select(s => s.Name).ToList();
        return Initializing(creating.Count > 0
            ? $"containers are being created: [{string.Join(' ', creating)}]"
            : $"scheduled to {pod.Spec!.NodeName}, waiting for the node to start the containers");
    }

    // Like kubectl's Init:i/n: the first init container that has not finished its part.
    static string? InitProgress(V1Pod pod)
    {
        var inits = pod.Spec?.InitContainers ?? [];
        var statuses = StageText.Statuses(pod.Status?.InitContainerStatuses).ToList();
        for (var i = 0; i < inits.Count; i++)
        {
            var c = inits[i];
            var s = statuses.FirstOrDefault(x => x.Name == c.Name);
            var done = RestartPolicies.IsSidecar(c) ? s?.Started == true : s?.State?.Terminated is { ExitCode: 0 };
            if (done) continue;
            var step = $"({i + 1}/{inits.Count})";
            return s?.State?.Running is not null
                ? $"init container {c.Name} is running {step}"
                : $"init container {c.Name} has not started yet {step}";
        }
        return null;
    }

    static StageResult Initializing(string reason) => new(LifecycleStage.Initializing, reason);
}
