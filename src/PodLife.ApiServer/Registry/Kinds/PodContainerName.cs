using k8s.Models;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// The container a pods/log or pods/exec request means (validateContainer, pkg/registry/core/pod/strategy.go):
/// the named one of any kind, or the only container.
/// </summary>
public static class PodContainerName
{
    /// <exception cref="StatusException">400 when the name is not the pod's or none was given for a pod of several.</exception>
    public static string Resolve(V1Pod pod, string asked)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var names = (pod.Spec?.InitContainers ?? []).Select(c => c.Name)
            .Concat((pod.Spec?.Containers ?? []).Select(c => c.Name))
            .Concat((pod.Spec?.EphemeralContainers ?? []).Select(c => c.Name)).ToList();
        var name = pod.Metadata?.Name;
        if (!string.IsNullOrEmpty(asked))
            return names.Contains(asked) ? asked : throw Errors.BadRequest($"container {asked} is not valid for pod {name}");
        return pod.Spec?.Containers?.Count switch
        {
            1 => pod.Spec.Containers[0].Name,
            0 or null => throw Errors.BadRequest($"a container name must be specified for pod {name}"),
            _ => throw Errors.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', names)}]"),
        };
    }
}
