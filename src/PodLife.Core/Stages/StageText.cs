using k8s.Models;

namespace PodLife.Core.Stages;

/// <summary>Small phrases shared by the stage explanations.</summary>
internal static class StageText
{
    public static V1PodCondition? Condition(V1Pod pod, string type) =>
        pod.Status?.Conditions?.FirstOrDefault(c => c?.Type == type);

    public static IEnumerable<V1ContainerStatus> Statuses(IEnumerable<V1ContainerStatus>? statuses) =>
        (statuses ?? []).Where(s => s is not null);

    public static string Waiting(string kind, string name, V1ContainerStateWaiting w) =>
        string.IsNullOrEmpty(w.Message)
            ? $"{kind} {name} is waiting: {w.Reason}"
            : $"{kind} {name} is waiting: {w.Reason}: {w.Message}";

    public static string Exited(string kind, string name, V1ContainerStateTerminated t) =>
        string.IsNullOrEmpty(t.Reason)
            ? $"{kind} {name} exited with code {t.ExitCode}"
            : $"{kind} {name} exited with code {t.ExitCode} ({t.Reason})";
}
