using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// The conditions of generateAPIPodStatus (pkg/kubelet/kubelet_pods.go) and the scheduler/API server's PodScheduled.
public class PodConditionsGenerateTests
{
    [Fact]
    public void KubeletReportsFiveConditionsInDescribesOrder()
    {
        var pod = new PodBuilder().WithContainers("app").WithStatuses(new ContainerStatusBuilder("app").Running().Started().Ready()).Build();
        var conditions = PodConditions.Generate(pod, PodPhase.Running, sandboxReady: true);
        Assert.Equal(["PodReadyToStartContainers=True", "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"],
            conditions.Select(c => $"{c.Type}={c.Status}"));
    }

    [Fact]
    public void ASandboxBeingCreatedIsFalseWithoutAReason()
    {
        var c = SchedulingConditions.ReadyToStartContainers(sandboxReady: false);
        Assert.Equal(("PodReadyToStartContainers", "False", (string?)null), (c.Type, c.Status, c.Reason));
    }

    [Fact]
    public void AnUnschedulablePodCarriesTheSchedulersMessage()
    {
        var c = SchedulingConditions.Unschedulable("0/3 nodes are available: 3 Insufficient cpu.");
        Assert.Equal(("PodScheduled", "False", "Unschedulable", "0/3 nodes are available: 3 Insufficient cpu."), (c.Type, c.Status, c.Reason, c.Message));
    }

    [Fact]
    public void AGatedPodSaysSchedulingIsBlocked()
    {
        var c = SchedulingConditions.SchedulingGated();
        Assert.Equal(("False", "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates"), (c.Status, c.Reason, c.Message));
    }

    [Fact]
    public void AnUnschedulableConditionNeedsAMessage() =>
        Assert.Throws<ArgumentException>(() => SchedulingConditions.Unschedulable(""));

    [Fact]
    public void ASucceededPodIsInitializedButNotReady()
    {
        var pod = new PodBuilder().WithContainers("job").WithRestartPolicy("Never")
            .WithStatuses(new ContainerStatusBuilder("job").Terminated(0)).Build();
        var byType = PodConditions.Generate(pod, PodPhase.Succeeded, sandboxReady: false).ToDictionary(c => c.Type);
        Assert.Equal(("True", "PodCompleted"), (byType["Initialized"].Status, byType["Initialized"].Reason));
        Assert.Equal(("False", "PodCompleted"), (byType["Ready"].Status, byType["Ready"].Reason));
        Assert.Equal(("False", "PodCompleted"), (byType["ContainersReady"].Status, byType["ContainersReady"].Reason));
    }

    [Fact]
    public void APodWithoutAnyStatusYetHasUnknownContainerStatuses()
    {
        var pod = new PodBuilder().WithInitContainers("init").WithContainers("app").WithoutStatus().Build();
        var byType = PodConditions.Generate(pod, PodPhase.Pending, sandboxReady: false).ToDictionary(c => c.Type);
        Assert.Equal("UnknownContainerStatuses", byType["Initialized"].Reason);
        Assert.Equal("UnknownContainerStatuses", byType["ContainersReady"].Reason);
    }
}
