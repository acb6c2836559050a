using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Core.Printing;

namespace PodLife.Core.Explain;

/// <summary>Explains a container waiting to be created: image being pulled, init containers first, a bad reference, or a failed postStart hook.</summary>
/// <remarks>Reasons from pkg/kubelet/kubelet_pods.go and pkg/kubelet/container/sync_result.go; kubelet retries a failed
/// create on every pod sync, so the container starts as soon as the missing piece exists.</remarks>
internal static class WaitingAdvisor
{
    public static Guidance Advise(ExplainInput input, V1ContainerStatus status, string kind)
    {
        var reason = status.State?.Waiting?.Reason;
        return reason switch
        {
            ContainerReasons.ContainerCreating => Creating(input, status.Name, kind),
            ContainerReasons.PodInitializing when kind == "container" =>
                Guidance.Of($"{kind} {status.Name} starts once every init container has completed"),
            ContainerReasons.CreateContainerConfigError => Guidance.Of(
                $"kubelet retries creating {kind} {status.Name} on every sync; it starts as soon as the reference resolves",
                $"create what {kind} {status.Name} refers to, or fix the reference: {status.State!.Waiting.Message}",
                trouble: true),
            ContainerReasons.CreateContainerError or ContainerReasons.RunContainerError => Guidance.Of(
                $"kubelet retries {kind} {status.Name} with back-off",
                $"fix what the runtime reports for {kind} {status.Name}: {status.State!.Waiting.Message}",
                trouble: true),
            // kuberuntime_container.go startContainer: a failed postStart hook kills the container; the restart policy
            // and the restart back-off decide what comes next, the hook's output is the waiting message.
            ContainerReasons.PostStartHookError => Guidance.Of(
                $"kubelet killed {kind} {status.Name} because its postStart hook failed; it restarts it with back-off",
                $"fix the postStart hook of {kind} {status.Name}: {status.State!.Waiting.Message}",
                trouble: true),
            _ => Guidance.None,
        };
    }

    static Guidance Creating(ExplainInput input, string name, string kind)
    {
        var pulling = input.EventsWith("Pulling", name).LastOrDefault();
        var pulled = input.EventsWith("Pulled", name).LastOrDefault();
        if (pulling is not null && (pulled is null || ExplainInput.LastSeen(pulled) < ExplainInput.LastSeen(pulling)))
            return Guidance.Of($"{kind} {name} starts once its image is pulled (pulling for {HumanDuration.Format(input.Now - ExplainInput.LastSeen(pulling))})");
        return Guidance.Of($"{kind} {name} starts once its image is present and its volumes are mounted");
    }
}
