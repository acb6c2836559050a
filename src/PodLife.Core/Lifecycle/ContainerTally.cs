using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>The counters kubelet's getPhase keeps before it decides (pkg/kubelet/kubelet_pods.go).</summary>
internal readonly record struct ContainerTally(
    int PendingInit, int FailedInit, int PendingSidecars,
    int Unknown, int Running, int Waiting, int Stopped, int Succeeded)
{
    public static ContainerTally Count(V1PodSpec spec, IEnumerable<V1ContainerStatus>? initStatuses, IEnumerable<V1ContainerStatus>? statuses)
    {
        var inits = ContainerLookup.ByName(initStatuses, "initContainerStatuses");
        var regular = ContainerLookup.ByName(statuses);
        var tally = new ContainerTally();
        foreach (var c in ContainerLookup.InitContainers(spec))
        {
            inits.TryGetValue(c.Name, out var s);
            tally = RestartPolicies.IsSidecar(c) ? tally.AddSidecar(s) : tally.AddRegularInit(s);
        }
        foreach (var c in ContainerLookup.Containers(spec))
        {
            regular.TryGetValue(c.Name, out var s);
            tally = tally.AddRegular(s);
        }
        return tally;
    }

    // Regular init containers: anything short of a clean exit keeps the pod initializing.
    ContainerTally AddRegularInit(V1ContainerStatus? s) => s?.State switch
    {
        { Terminated: { } t } => t.ExitCode != 0 ? this with { FailedInit = FailedInit + 1 } : this,
        { Running: not null } => this with { PendingInit = PendingInit + 1 },
        { Waiting: not null } when s.LastState?.Terminated is { } last =>
            last.ExitCode != 0 ? this with { FailedInit = FailedInit + 1 } : this,
        _ => this with { PendingInit = PendingInit + 1 },
    };

    // Sidecars: a stopped or crash-looping sidecar does not count towards the phase at all.
    ContainerTally AddSidecar(V1ContainerStatus? s) => s?.State switch
    {
        null when s is null => this with { Unknown = Unknown + 1 },
        { Running: not null } => this with
        {
            Running = Running + 1,
            PendingSidecars = s.Started == true ? PendingSidecars : PendingSidecars + 1,
        },
        { Terminated: not null } => this,
        { Waiting: not null } when s.LastState?.Terminated is not null => this,
        { Waiting: not null } => this with { Waiting = Waiting + 1, PendingSidecars = PendingSidecars + 1 },
        _ => this with { Unknown = Unknown + 1, PendingSidecars = PendingSidecars + 1 },
    };

    // Regular containers: a crash-looping container (waiting after a termination) counts as stopped, not waiting.
    ContainerTally AddRegular(V1ContainerStatus? s) => s?.State switch
    {
        { Running: not null } => this with { Running = Running + 1 },
        { Terminated: { } t } => this with { Stopped = Stopped + 1, Succeeded = t.ExitCode == 0 ? Succeeded + 1 : Succeeded },
        { Waiting: not null } when s.LastState?.Terminated is not null => this with { Stopped = Stopped + 1 },
        { Waiting: not null } => this with { Waiting = Waiting + 1 },
        _ => this with { Unknown = Unknown + 1 },
    };
}
