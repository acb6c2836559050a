using k8s.Models;
using PodLife.Node.Probes;

namespace PodLife.Node.Pods;

/// <summary>The FailedPostStartHook / FailedPreStopHook event messages (pkg/kubelet/lifecycle/handlers.go).</summary>
internal static class HookMessages
{
    public static string Failed(V1LifecycleHandler handler, string container, V1Pod pod, ProbeOutcome outcome)
    {
        var podRef = $"{pod.Name()}_{pod.Namespace()}({pod.Uid()})";
        if (handler.Exec is { } exec)
        {
            var command = string.Join(' ', exec.Command ?? []);
            return $"Exec lifecycle hook ([{command}]) for Container \"{container}\" in Pod \"{podRef}\" failed - error: {outcome.Error}, message: \"{outcome.Output}\"";
        }
        var path = handler.HttpGet?.Path ?? "/";
        return $"HTTP lifecycle hook ({path}) for Container \"{container}\" in Pod \"{podRef}\" failed - error: {outcome.Error}";
    }
}
