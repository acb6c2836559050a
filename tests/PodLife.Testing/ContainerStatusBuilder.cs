using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Testing;

/// <summary>Fluent builder for a V1ContainerStatus, with the shapes kubelet's own tests use (kubelet_pods_test.go helpers).</summary>
public sealed class ContainerStatusBuilder(string name)
{
    V1ContainerStatus _status = new() { Name = name, Image = "busybox", ImageID = "", State = new(), LastState = new() };

    public ContainerStatusBuilder Waiting(string? reason = null, string? message = null) =>
        With(s => s with { State = ContainerStates.Waiting(reason, message) });

    public ContainerStatusBuilder Running(DateTime? startedAt = null) =>
        With(s => s with { State = ContainerStates.Running(startedAt ?? TestTimes.T0) });

    public ContainerStatusBuilder Terminated(int exitCode, string? reason = null) =>
        With(s => s with { State = ContainerStates.Terminated(exitCode, TestTimes.T0, TestTimes.T0.AddSeconds(5), reason) });

    /// <summary>A last termination, as a crash-looping or restarted container carries it.</summary>
    public ContainerStatusBuilder LastTerminated(int exitCode, string? reason = null) =>
        With(s => s with { LastState = ContainerStates.Terminated(exitCode, TestTimes.T0, TestTimes.T0.AddSeconds(5), reason) });

    /// <summary>No state at all: neither waiting, running nor terminated.</summary>
    public ContainerStatusBuilder NoState() => With(s => s with { State = null });

    public ContainerStatusBuilder Started(bool started = true) => With(s => s with { Started = started });

    public ContainerStatusBuilder Ready(bool ready = true) => With(s => s with { Ready = ready });

    public ContainerStatusBuilder Restarts(int count) => With(s => s with { RestartCount = count });

    public V1ContainerStatus Build() => _status with { };

    public static implicit operator V1ContainerStatus(ContainerStatusBuilder b) => b.Build();

    ContainerStatusBuilder With(Func<V1ContainerStatus, V1ContainerStatus> change)
    {
        _status = change(_status);
        return this;
    }
}
