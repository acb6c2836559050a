using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Cases from kubernetes pkg/kubelet/status/generate_test.go: TestGenerateContainersReadyCondition,
// TestGeneratePodReadyCondition, TestGeneratePodInitializedCondition.
// Words: "name:ready", "name:notready", "name:started", "name:notstarted", "name:running", "name:terminated".
public class PodConditionsTests
{
    [Theory]
    [InlineData("", null, "Running", "False", "UnknownContainerStatuses", null)]
    [InlineData("", "", "Running", "True", null, null)]
    [InlineData("1234", "", "Running", "False", "ContainersNotReady", "containers with unknown status: [1234]")]
    [InlineData("1234 5678", "1234:ready 5678:ready", "Running", "True", null, null)]
    [InlineData("1234 5678", "1234:ready", "Running", "False", "ContainersNotReady", "containers with unknown status: [5678]")]
    [InlineData("1234 5678", "1234:ready 5678:notready", "Running", "False", "ContainersNotReady", "containers with unready status: [5678]")]
    [InlineData("1234", "1234:notready", "Succeeded", "False", "PodCompleted", null)]
    [InlineData("1234", "1234:notready", "Failed", "False", "PodFailed", null)]
    [InlineData("a b c", "c:notready", "Running", "False", "ContainersNotReady", "containers with unknown status: [a b], containers with unready status: [c]")]
    public void ContainersReadyFollowsKubelet(string containers, string? statuses, string phase, string status, string? reason, string? message)
    {
        var spec = Spec(containers);
        AssertCondition(PodConditions.ContainersReady(spec, Statuses(statuses), phase), "ContainersReady", status, reason, message);
        // Ready copies ContainersReady whenever that is not True.
        AssertCondition(PodConditions.Ready(spec, null, Statuses(statuses), phase), "Ready", status, reason, message);
    }

    [Theory]
    [InlineData("restartable-init-1", "regular-1:ready", "False", "ContainersNotReady", "containers with unknown status: [restartable-init-1]")]
    [InlineData("restartable-init-1 restartable-init-2", "restartable-init-1:ready restartable-init-2:ready regular-1:ready", "True", null, null)]
    [InlineData("restartable-init-1 restartable-init-2", "restartable-init-1:ready regular-1:ready", "False", "ContainersNotReady", "containers with unknown status: [restartable-init-2]")]
    [InlineData("restartable-init-1 restartable-init-2", "restartable-init-1:ready restartable-init-2:notready regular-1:ready", "False", "ContainersNotReady", "containers with unready status: [restartable-init-2]")]
    public void SidecarsMustBeReadyToo(string sidecars, string statuses, string status, string? reason, string? message)
    {
        var spec = new PodBuilder().WithSidecars(sidecars.Split(' ')).WithContainers("regular-1").Build().Spec;
        AssertCondition(PodConditions.ContainersReady(spec, Statuses(statuses), "Running"), "ContainersReady", status, reason, message);
    }

    [Theory]
    [InlineData("", "False", "ReadinessGatesNotReady", "corresponding condition of pod readiness gate \"gate1\" does not exist.")]
    [InlineData("gate1=False", "False", "ReadinessGatesNotReady", "the status of pod readiness gate \"gate1\" is not \"True\", but False")]
    [InlineData("gate1=True", "True", null, null)]
    public void OneReadinessGateMustBeTrue(string conditions, string status, string? reason, string? message)
    {
        var spec = new PodBuilder().WithReadinessGates("gate1").Build().Spec;
        AssertCondition(PodConditions.Ready(spec, Conditions(conditions), [], "Running"), "Ready", status, reason, message);
    }

    [Theory]
    [InlineData("gate1=True", "corresponding condition of pod readiness gate \"gate2\" does not exist.")]
    [InlineData("gate1=True gate2=False", "the status of pod readiness gate \"gate2\" is not \"True\", but False")]
    [InlineData("", "corresponding condition of pod readiness gate \"gate1\" does not exist., corresponding condition of pod readiness gate \"gate2\" does not exist.")]
    [InlineData("gate1=Unknown gate2=False", "the status of pod readiness gate \"gate1\" is not \"True\", but Unknown, the status of pod readiness gate \"gate2\" is not \"True\", but False")]
    public void EveryReadinessGateIsReported(string conditions, string message)
    {
        var spec = new PodBuilder().WithReadinessGates("gate1", "gate2").Build().Spec;
        AssertCondition(PodConditions.Ready(spec, Conditions(conditions), [], "Running"), "Ready", "False", "ReadinessGatesNotReady", message);
    }

    [Fact]
    public void UnreadyContainersWinOverTrueReadinessGates()
    {
        var spec = new PodBuilder().WithContainers("1234").WithReadinessGates("gate1").Build().Spec;
        AssertCondition(PodConditions.Ready(spec, Conditions("gate1=True"), Statuses("1234:notready"), "Running"),
            "Ready", "False", "ContainersNotReady", "containers with unready status: [1234]");
    }

    internal static V1PodSpec Spec(string containers) =>
        new PodBuilder().WithContainers(containers.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Build().Spec;

    internal static List<V1ContainerStatus>? Statuses(string? words) => words?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => w.Split(':')).Select(p => (V1ContainerStatus)(p[1] switch
        {
            "ready" => new ContainerStatusBuilder(p[0]).Ready(),
            "notready" => new ContainerStatusBuilder(p[0]).Ready(false),
            "started" => new ContainerStatusBuilder(p[0]).Started(),
            "notstarted" => new ContainerStatusBuilder(p[0]).Started(false),
            "running" => new ContainerStatusBuilder(p[0]).Running(),
            "terminated" => new ContainerStatusBuilder(p[0]).Terminated(0),
            "waiting" => new ContainerStatusBuilder(p[0]).Waiting(),
            _ => throw new ArgumentException(string.Join(":", p)),
        })).ToList();

    static List<V1PodCondition> Conditions(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => w.Split('=')).Select(p => new V1PodCondition { Type = p[0], Status = p[1] }).ToList();

    internal static void AssertCondition(V1PodCondition c, string type, string status, string? reason, string? message)
    {
        Assert.Equal(type, c.Type);
        Assert.Equal(status, c.Status);
        Assert.Equal(reason, c.Reason);
        Assert.Equal(message, c.Message);
    }

    [Fact]
    public void Without_drops_the_named_types_keeps_the_order_and_the_list_itself_when_nothing_goes()
    {
        IList<V1PodCondition> conditions =
        [
            new() { Type = "PodScheduled", Status = "True" },
            new() { Type = "example.com/gate", Status = "True" },
            new() { Type = "Ready", Status = "True" },
        ];

        Assert.Equal(["example.com/gate"], PodConditions.Without(conditions, PodConditionTypes.IsOwnedByKubelet)!.Select(c => c.Type));
        Assert.Equal(3, conditions.Count); // a new list: the old one is left as it was
        Assert.Same(conditions, PodConditions.Without(conditions, t => t == "Initialized"));
        Assert.Null(PodConditions.Without(conditions, _ => true));
        Assert.Null(PodConditions.Without(null, _ => true));
    }
}
