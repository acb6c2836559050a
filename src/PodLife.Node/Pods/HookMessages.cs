using k8s.Models;
using PodLife.Node.Probes;

namespace PodLife.Node.Pods;

/// <summary>
/// What a failed lifecycle hook says (pkg/kubelet/lifecycle/handlers.go): kubelet logs it, and for postStart it becomes the
/// container's PostStartHookError waiting message; the events say only "PostStartHook failed" / "PreStopHook failed".
/// </summary>
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
