using k8s.Models;

namespace PodLife.Core.Tests.Printing;

// Terse builders for the pod shapes of printers_test.go, with times relative to a fixed Now.
static class Statuses
{
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTime Ago(TimeSpan age) => (Now - age).UtcDateTime;

    public static V1ContainerStatus Running(bool ready = false, int restarts = 0, TimeSpan? lastExitAgo = null,
        bool? started = null, string name = "") =>
        Status(name, new V1ContainerState { Running = new V1ContainerStateRunning() }, ready, restarts, lastExitAgo, started);

    public static V1ContainerStatus Waiting(string? reason = null, bool ready = false, int restarts = 0,
        TimeSpan? lastExitAgo = null, bool? started = null, string name = "") =>
        Status(name, new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = reason } },
            ready, restarts, lastExitAgo, started);

    public static V1ContainerStatus Terminated(string? reason = null, int exitCode = 0, int? signal = null,
        bool ready = false, int restarts = 0, TimeSpan? lastExitAgo = null, bool? started = null, string name = "") =>
        Status(name, new V1ContainerState
        {
            Terminated = new V1ContainerStateTerminated { Reason = reason, ExitCode = exitCode, Signal = signal },
        }, ready, restarts, lastExitAgo, started);

    /// <summary>A status with no state at all, as printers_test.go's bare `{RestartCount: 3}`.</summary>
    public static V1ContainerStatus NoState(bool ready = false, int restarts = 0, string name = "") =>
        Status(name, null, ready, restarts, null, null);

    public static V1Container Sidecar(string name) => new() { Name = name, RestartPolicy = "Always" };

    public static V1Container Container(string name = "") => new() { Name = name };

    public static V1PodCondition Condition(string type, string status, string? reason = null) =>
        new() { Type = type, Status = status, Reason = reason };

    public static V1Pod Pod(string name, int containers, string? phase, IList<V1ContainerStatus>? statuses = null,
        IList<V1Container>? initContainers = null, IList<V1ContainerStatus>? initStatuses = null,
        IList<V1PodCondition>? conditions = null, string? reason = null, DateTime? deletedAt = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, DeletionTimestamp = deletedAt },
        Spec = new V1PodSpec
        {
            Containers = [.. Enumerable.Range(0, containers).Select(_ => Container())],
            InitContainers = initContainers,
        },
        Status = new V1PodStatus
        {
            Phase = phase,
            Reason = reason,
            ContainerStatuses = statuses,
            InitContainerStatuses = initStatuses,
            Conditions = conditions,
        },
    };

    static V1ContainerStatus Status(string name, V1ContainerState? state, bool ready, int restarts,
        TimeSpan? lastExitAgo, bool? started) => new()
    {
        Name = name,
        State = state,
        Ready = ready,
        RestartCount = restarts,
        Started = started,
        LastState = lastExitAgo is { } ago
            ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { FinishedAt = Ago(ago) } }
            : null,
    };
}
