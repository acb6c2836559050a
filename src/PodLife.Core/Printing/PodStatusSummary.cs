using k8s.Models;

namespace PodLife.Core.Printing;

// STATUS, READY and RESTARTS of printPod, computed in one walk as kubectl does, because they share its early exits:
// init containers in order until the first unfinished one, then (unless still initializing) the regular
// containers last to first, so the first container's reason wins.
sealed class PodStatusSummary
{
    public string Status { get; private set; } = "";
    public int ReadyContainers { get; private set; }
    public int TotalContainers { get; private set; }
    public int Restarts { get; private set; }
    public DateTimeOffset? LastRestart { get; private set; }

    // Restarts of the walked sidecars: the only init restarts RESTARTS keeps once regular containers are shown.
    int _sidecarRestarts;
    DateTimeOffset? _sidecarLastRestart;

    public static PodStatusSummary Of(V1Pod pod)
    {
        var summary = new PodStatusSummary();
        var status = pod.Status;
        // Loops rather than LINQ, lists and sets: this runs for every pod write the history records.
        var initSpecs = pod.Spec?.InitContainers ?? [];
        var sidecarCount = 0;
        for (var i = 0; i < initSpecs.Count; i++)
        {
            if (IsSidecar(initSpecs[i])) sidecarCount++;
        }
        summary.TotalContainers = (pod.Spec?.Containers?.Count ?? 0) + sidecarCount;

        var phase = status?.Phase ?? "";
        summary.Status = string.IsNullOrEmpty(status?.Reason) ? phase : status.Reason;
        var conditions = status?.Conditions ?? [];
        if (Any(conditions, "PodScheduled", reason: "SchedulingGated")) summary.Status = "SchedulingGated";

        var initializing = summary.WalkInitContainers(status?.InitContainerStatuses ?? [], initSpecs);
        var initialized = First(conditions, "Initialized")?.Status == "True";
        if (!initializing || initialized)
        {
            // Regular containers replace the init containers in RESTARTS; only sidecar restarts stay.
            (summary.Restarts, summary.LastRestart) = (summary._sidecarRestarts, summary._sidecarLastRestart);
            summary.WalkContainers(status?.ContainerStatuses ?? [], conditions);
        }

        if (pod.Metadata?.DeletionTimestamp is not null)
        {
            if (status?.Reason == "NodeLost") summary.Status = "Unknown";
            else if (phase is not ("Succeeded" or "Failed")) summary.Status = "Terminating";
        }
        return summary;
    }

    // Returns whether the pod is still initializing; counts the restarts of every init container walked.
    bool WalkInitContainers(IList<V1ContainerStatus> statuses, IList<V1Container> initSpecs)
    {
        var initCount = initSpecs.Count;
        var initializing = false;
        for (var i = 0; i < statuses.Count && !initializing; i++)
        {
            var container = statuses[i];
            var isSidecar = IsSidecarNamed(initSpecs, container.Name);
            CountRestarts(container);
            if (isSidecar)
            {
                _sidecarRestarts += container.RestartCount;
                _sidecarLastRestart = Latest(_sidecarLastRestart, LastFinishedAt(container));
            }

            var state = container.State;
            if (state?.Terminated is { ExitCode: 0 }) continue;
            if (isSidecar && container.Started == true)
            {
                if (container.Ready) ReadyContainers++;
                continue;
            }

            initializing = true;
            Status = state switch
            {
                { Terminated: { } t } => string.IsNullOrEmpty(t.Reason) ? "Init:" + ExitDescription(t) : "Init:" + t.Reason,
                { Waiting.Reason: { Length: > 0 } reason } when reason != "PodInitializing" => "Init:" + reason,
                _ => $"Init:{i}/{initCount}",
            };
        }
        return initializing;
    }

    void WalkContainers(IList<V1ContainerStatus> statuses, IList<V1PodCondition> conditions)
    {
        var hasRunning = false;
        for (var i = statuses.Count - 1; i >= 0; i--)
        {
            var container = statuses[i];
            CountRestarts(container);
            var state = container.State;
            if (state?.Waiting is { Reason: { Length: > 0 } waiting }) Status = waiting;
            else if (state?.Terminated is { } t) Status = string.IsNullOrEmpty(t.Reason) ? ExitDescription(t) : t.Reason;
            else if (container.Ready && state?.Running is not null)
            {
                hasRunning = true;
                ReadyContainers++;
            }
        }

        // A completed container next to a running one does not make the pod Completed.
        if (Status == "Completed" && hasRunning)
            Status = First(conditions, "Ready", status: "True") is not null ? "Running" : "NotReady";
    }

    static bool IsSidecar(V1Container spec) => spec.RestartPolicy == "Always";

    static bool IsSidecarNamed(IList<V1Container> initSpecs, string name)
    {
        for (var i = 0; i < initSpecs.Count; i++)
        {
            if (IsSidecar(initSpecs[i]) && initSpecs[i].Name == name) return true;
        }
        return false;
    }

    // The first condition of the type (and, when given, with that status).
    static V1PodCondition? First(IList<V1PodCondition> conditions, string type, string? status = null)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            if (c.Type == type && (status is null || c.Status == status)) return c;
        }
        return null;
    }

    static bool Any(IList<V1PodCondition> conditions, string type, string reason)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Type == type && conditions[i].Reason == reason) return true;
        }
        return false;
    }

    void CountRestarts(V1ContainerStatus container)
    {
        Restarts += container.RestartCount;
        LastRestart = Latest(LastRestart, LastFinishedAt(container));
    }

    static DateTimeOffset? LastFinishedAt(V1ContainerStatus container) =>
        KubeTime.ToInstant(container.LastState?.Terminated?.FinishedAt);

    static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null || b > a ? b : a;

    static string ExitDescription(V1ContainerStateTerminated t) =>
        t.Signal is { } signal and not 0 ? $"Signal:{signal}" : $"ExitCode:{t.ExitCode}";
}
