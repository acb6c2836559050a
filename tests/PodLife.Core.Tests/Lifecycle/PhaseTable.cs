using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

/// <summary>Runs one row of a kubelet getPhase table: statuses given in shorthand, one word per container.</summary>
static class PhaseTable
{
    public static string Phase(V1Pod pod, string initWords, string words, bool podIsTerminal)
    {
        var initNames = (pod.Spec.InitContainers ?? []).Select(c => c.Name).ToList();
        var names = pod.Spec.Containers.Select(c => c.Name).ToList();
        var inits = ContainerStatusShorthand.ParseAll(initNames, initWords);
        var regular = ContainerStatusShorthand.ParseAll(names, words);

        // kubelet's older tests had no podHasInitialized; deriving it from the statuses gives the same answers.
        var facts = PodPhaseFacts.FromStatuses(pod.Spec, regular, podIsTerminal);
        return PodPhase.From(pod.Spec, inits, regular, facts);
    }
}
