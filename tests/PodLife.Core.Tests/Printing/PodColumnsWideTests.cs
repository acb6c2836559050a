using k8s.Models;
using PodLife.Core.Printing;
using static PodLife.Core.Tests.Printing.Statuses;

namespace PodLife.Core.Tests.Printing;

// -o wide, AGE, row conditions and malformed pods. Wide cases from printers_test.go TestPrintPodwide,
// row conditions from TestPrintPodConditions.
public class PodColumnsWideTests
{
    static V1Pod WithGates(V1PodStatus status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "test1" },
        Spec = new V1PodSpec
        {
            Containers = [Container(), Container()],
            NodeName = "test1",
            ReadinessGates = [new() { ConditionType = "condition1" }, new() { ConditionType = "condition2" }, new() { ConditionType = "condition3" }],
        },
        Status = status,
    };

    static V1PodStatus GatedStatus(params string[] ips) => new()
    {
        Phase = "podPhase",
        PodIPs = [.. ips.Select(ip => new V1PodIP { Ip = ip })],
        NominatedNodeName = "node1",
        Conditions = [Condition("condition1", "False"), Condition("condition2", "True")],
        ContainerStatuses = [Running(ready: true, restarts: 3), NoState(restarts: 3)],
    };

    [Fact]
    public void WideShowsTheFirstPodIpNodeNominatedNodeAndTrueReadinessGates()
    {
        var row = PodColumns.From(WithGates(GatedStatus("1.1.1.1", "2001:db8::")), Now);
        Assert.Equal("test1 | 1/2 | podPhase | 6 | <unknown> | 1.1.1.1 | test1 | node1 | 1/3", string.Join(" | ", row.Cells(wide: true)));
    }

    [Fact]
    public void WideShowsNoneForMissingValues()
    {
        var pod = Pod("test2", 2, "podPhase", [Running(ready: true, restarts: 3), Waiting("ContainerWaitingReason", restarts: 3)]);
        Assert.Equal("test2 | 1/2 | ContainerWaitingReason | 6 | <unknown> | <none> | <none> | <none> | <none>",
            string.Join(" | ", PodColumns.From(pod, Now).Cells(wide: true)));
    }

    [Fact]
    public void TheLegacyPodIpFieldIsUsedWhenPodIpsIsEmpty()
    {
        var pod = Pod("p", 1, "Running");
        pod.Status.PodIP = "10.244.0.7";
        Assert.Equal("10.244.0.7", PodColumns.From(pod, Now).Ip);
    }

    [Theory]
    [InlineData(45, "45s")]
    [InlineData(125, "2m5s")]
    [InlineData(3600 * 26, "26h")]
    [InlineData(-5, "<invalid>")] // created "in the future" (clock skew): kubectl prints <invalid>
    public void AgeIsTheHumanDurationSinceCreation(int seconds, string expected)
    {
        var pod = Pod("p", 1, "Running");
        pod.Metadata.CreationTimestamp = Ago(TimeSpan.FromSeconds(seconds));
        Assert.Equal(expected, PodColumns.From(pod, Now).Age);
    }

    [Theory]
    [InlineData("Running", 0)]
    [InlineData("Succeeded", 1)]
    [InlineData("Failed", 1)]
    public void FinishedPodsCarryTheCompletedRowCondition(string phase, int count)
    {
        var row = PodColumns.From(Pod("p", 2, phase, [Running(ready: true, restarts: 3), NoState(restarts: 3)]), Now);
        Assert.Equal(count, row.Conditions.Count);
        if (count == 1)
            Assert.Equal(phase, Assert.Single(row.Conditions).Reason);
    }

    [Fact]
    public void TheNumericRestartCountIsKeptBesideTheText()
    {
        var row = PodColumns.From(Pod("p", 1, "Running", [Running(restarts: 3, lastExitAgo: TimeSpan.FromSeconds(42))]), Now);
        Assert.Equal(("3 (42s ago)", 3), (row.Restarts, row.RestartCount));
    }

    [Fact]
    public void APodWithoutSpecOrStatusPrintsEmptyColumnsInsteadOfThrowing()
    {
        var row = PodColumns.From(new V1Pod(), Now);
        Assert.Equal(" | 0/0 |  | 0 | <unknown> | <none> | <none> | <none> | <none>", string.Join(" | ", row.Cells(wide: true)));
    }

    [Fact]
    public void StatusesWithoutStateOrTimesAreTolerated()
    {
        var pod = Pod("p", 1, "Running", [new V1ContainerStatus { Name = "c", RestartCount = 2, LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated() } }]);
        var row = PodColumns.From(pod, Now);
        Assert.Equal(("Running", "2"), (row.Status, row.Restarts));
    }
}
