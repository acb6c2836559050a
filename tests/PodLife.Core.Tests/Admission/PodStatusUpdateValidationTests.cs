using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Rules from pkg/apis/core/validation/validation.go ValidatePodStatusUpdate, ValidateContainerStateTransition and
// ValidateInitContainerStateTransition (validation_test.go TestValidateContainerStateTransition).
public class PodStatusUpdateValidationTests
{
    static V1Pod WithStatus(string restartPolicy, int exitCode, bool terminated, bool init = false, bool sidecar = false) => Pods.Defaulted(p =>
    {
        p.Metadata.ResourceVersion = "3";
        p.Spec.RestartPolicy = restartPolicy;
        if (init) p.Spec.InitContainers = [new V1Container { Name = "setup", Image = "busybox", RestartPolicy = sidecar ? "Always" : null }];
        var state = terminated
            ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = exitCode } }
            : new V1ContainerState { Running = new V1ContainerStateRunning() };
        var statuses = new List<V1ContainerStatus> { new() { Name = init ? "setup" : "web", State = state } };
        if (init) p.Status.InitContainerStatuses = statuses;
        else p.Status.ContainerStatuses = statuses;
    });

    [Theory]
    [InlineData("Never", 0, false)]
    [InlineData("Never", 1, false)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 1, true)]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    public void ATerminatedContainerRunsAgainOnlyIfThePolicyRestartsIt(string policy, int exitCode, bool allowed)
    {
        var result = PodValidation.ValidateStatusUpdate(WithStatus(policy, exitCode, terminated: true), WithStatus(policy, exitCode, terminated: false));
        Assert.Equal(allowed ? [] : ["status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state"],
            result.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void OnlySidecarInitContainersMayRunAgainUnderNever(bool sidecar, bool allowed)
    {
        var old = WithStatus("Never", 0, terminated: true, init: true, sidecar: sidecar);
        var updated = WithStatus("Never", 0, terminated: false, init: true, sidecar: sidecar);
        Assert.Equal(allowed, PodValidation.ValidateStatusUpdate(old, updated).IsValid);
    }

    [Fact]
    public void TheNodeIsNotChangedThroughStatus()
    {
        var updated = WithStatus("Always", 0, false);
        updated.Spec.NodeName = "node-1";
        Assert.Equal(["status.nodeName: Forbidden: may not be changed directly"],
            PodValidation.ValidateStatusUpdate(WithStatus("Always", 0, false), updated).Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AGatedPodStartsUnscheduledWithTheSchedulingGatedCondition()
    {
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var pod = PodDefaults.Apply(Pods.Raw(p => p.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/wait" }]), "x7k2p", now);
        var condition = Assert.Single(pod.Status.Conditions);
        Assert.Equal(("PodScheduled", "False", "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates"),
            (condition.Type, condition.Status, condition.Reason, condition.Message));
        Assert.Equal(now.UtcDateTime, condition.LastTransitionTime);
    }

    [Fact]
    public void NullsAreRefusedNotCrashedOn() => Assert.False(PodValidation.ValidateStatusUpdate(null, new V1Pod { Status = new V1PodStatus { ContainerStatuses = [null!] } }).IsValid);
}
