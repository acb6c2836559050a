using k8s.Models;
using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Filters;
using PodLife.Scheduler.Framework;
using PodLife.Scheduler.Model;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// Reasons and codes as in pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,tainttoleration,nodeaffinity,nodeports,noderesources}.
public class FilterTests
{
    static FilterResult Run(IFilterPlugin plugin, V1Pod pod, V1Node node, params V1Pod[] boundPods)
    {
        var cache = new ClusterCache();
        cache.SetNode(node);
        foreach (var bound in boundPods)
            cache.SetPod(bound);
        return plugin.Filter(SchedulingPod.From(pod), cache.GetNode(node.Metadata.Name)!);
    }

    public static TheoryData<string, V1Pod, V1Node, FilterCode, string?> UnschedulableCases => new()
    {
        { "schedulable node", Pod("p"), Node("n"), FilterCode.Success, null },
        { "cordoned node", Pod("p"), Node("n").Cordoned(), FilterCode.UnschedulableAndUnresolvable, "node(s) were unschedulable" },
        { "cordoned node, pod tolerates the unschedulable taint", Pod("p").Tolerating("node.kubernetes.io/unschedulable", effect: "NoSchedule"), Node("n").Cordoned(), FilterCode.Success, null },
        { "cordoned node, toleration for another effect", Pod("p").Tolerating("node.kubernetes.io/unschedulable", effect: "NoExecute"), Node("n").Cordoned(), FilterCode.UnschedulableAndUnresolvable, "node(s) were unschedulable" },
    };

    [Theory]
    [MemberData(nameof(UnschedulableCases))]
    public void NodeUnschedulableRejectsCordonedNodesUnlessTolerated(string _, V1Pod pod, V1Node node, FilterCode code, string? reason) =>
        AssertResult(Run(new NodeUnschedulableFilter(), pod, node), code, reason);

    public static TheoryData<string, V1Pod, V1Node, FilterCode, string?> TaintCases => new()
    {
        { "untainted node", Pod("p"), Node("n"), FilterCode.Success, null },
        { "NoSchedule taint without value", Pod("p"), Node("n").WithTaint("node.kubernetes.io/not-ready", "NoSchedule"), FilterCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {node.kubernetes.io/not-ready: }" },
        { "NoExecute taint with value", Pod("p"), Node("n").WithTaint("dedicated", "NoExecute", "gpu"), FilterCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {dedicated: gpu}" },
        { "PreferNoSchedule is only a preference", Pod("p"), Node("n").WithTaint("soft", "PreferNoSchedule"), FilterCode.Success, null },
        { "Exists toleration", Pod("p").Tolerating("node.kubernetes.io/not-ready"), Node("n").WithTaint("node.kubernetes.io/not-ready", "NoSchedule"), FilterCode.Success, null },
        { "Equal toleration with the wrong value", Pod("p").Tolerating("dedicated", "Equal", value: "cpu"), Node("n").WithTaint("dedicated", "NoSchedule", "gpu"), FilterCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {dedicated: gpu}" },
        { "Equal toleration with the right value", Pod("p").Tolerating("dedicated", "Equal", value: "gpu"), Node("n").WithTaint("dedicated", "NoSchedule", "gpu"), FilterCode.Success, null },
        { "empty key with Exists tolerates everything", Pod("p").Tolerating(null), Node("n").WithTaint("a", "NoSchedule").WithTaint("b", "NoExecute"), FilterCode.Success, null },
        { "the first untolerated taint is reported", Pod("p").Tolerating("a"), Node("n").WithTaint("a", "NoSchedule").WithTaint("b", "NoSchedule").WithTaint("c", "NoSchedule"), FilterCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {b: }" },
        { "toleration limited to NoExecute leaves NoSchedule", Pod("p").Tolerating("t", effect: "NoExecute"), Node("n").WithTaint("t", "NoSchedule"), FilterCode.UnschedulableAndUnresolvable, "node(s) had untolerated taint {t: }" },
    };

    [Theory]
    [MemberData(nameof(TaintCases))]
    public void TaintTolerationReportsTheFirstUntoleratedTaint(string _, V1Pod pod, V1Node node, FilterCode code, string? reason) =>
        AssertResult(Run(new TaintTolerationFilter(), pod, node), code, reason);

    static V1Pod WithRequired(V1Pod pod, params V1NodeSelectorRequirement[] requirements)
    {
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector { NodeSelectorTerms = [new V1NodeSelectorTerm { MatchExpressions = requirements }] },
            },
        };
        return pod;
    }

    static V1NodeSelectorRequirement Req(string key, string op, params string[] values) => new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values };

    public static TheoryData<string, V1Pod, V1Node, bool> AffinityCases => new()
    {
        { "no selector", Pod("p"), Node("n"), true },
        { "nodeSelector matches", Pod("p").WithNodeSelector("disk", "ssd"), Node("n").WithLabel("disk", "ssd"), true },
        { "nodeSelector value differs", Pod("p").WithNodeSelector("disk", "ssd"), Node("n").WithLabel("disk", "hdd"), false },
        { "nodeSelector label missing", Pod("p").WithNodeSelector("disk", "ssd"), Node("n"), false },
        { "In", WithRequired(Pod("p"), Req("zone", "In", "a", "b")), Node("n").WithLabel("zone", "b"), true },
        { "NotIn with the label absent", WithRequired(Pod("p"), Req("zone", "NotIn", "a")), Node("n"), true },
        { "NotIn with a listed value", WithRequired(Pod("p"), Req("zone", "NotIn", "a")), Node("n").WithLabel("zone", "a"), false },
        { "Exists", WithRequired(Pod("p"), Req("gpu", "Exists")), Node("n").WithLabel("gpu", "1"), true },
        { "DoesNotExist", WithRequired(Pod("p"), Req("gpu", "DoesNotExist")), Node("n").WithLabel("gpu", "1"), false },
        { "Gt compares integers", WithRequired(Pod("p"), Req("cores", "Gt", "8")), Node("n").WithLabel("cores", "16"), true },
        { "Lt compares integers", WithRequired(Pod("p"), Req("cores", "Lt", "8")), Node("n").WithLabel("cores", "16"), false },
        { "Gt with a non-integer label", WithRequired(Pod("p"), Req("cores", "Gt", "8")), Node("n").WithLabel("cores", "many"), false },
    };

    [Theory]
    [MemberData(nameof(AffinityCases))]
    public void NodeAffinityChecksNodeSelectorAndRequiredAffinity(string _, V1Pod pod, V1Node node, bool fits) =>
        AssertResult(Run(new NodeAffinityFilter(), pod, node), fits ? FilterCode.Success : FilterCode.UnschedulableAndUnresolvable,
            fits ? null : "node(s) didn't match Pod's node affinity/selector");

    [Fact]
    public void RequiredAffinityTermsAreOredAndAnEmptyTermMatchesNothing()
    {
        var pod = Pod("p");
        pod.Spec.Affinity = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms = [new V1NodeSelectorTerm(), new V1NodeSelectorTerm { MatchFields = [Req("metadata.name", "In", "n")] }],
                },
            },
        };
        Assert.True(Run(new NodeAffinityFilter(), pod, Node("n")).IsSuccess);
        Assert.False(Run(new NodeAffinityFilter(), pod, Node("other")).IsSuccess);
    }

    public static TheoryData<string, V1Pod, V1Pod, bool> PortCases => new()
    {
        { "different ports", Pod("p").WithHostPort(80), Pod("q", node: "n").WithHostPort(8080), true },
        { "same port and protocol", Pod("p").WithHostPort(80), Pod("q", node: "n").WithHostPort(80), false },
        { "same port, other protocol", Pod("p").WithHostPort(53, protocol: "UDP"), Pod("q", node: "n").WithHostPort(53), true },
        { "specific IPs that differ", Pod("p").WithHostPort(80, "10.0.0.1"), Pod("q", node: "n").WithHostPort(80, "10.0.0.2"), true },
        { "0.0.0.0 clashes with a specific IP", Pod("p").WithHostPort(80), Pod("q", node: "n").WithHostPort(80, "10.0.0.2"), false },
        { "a specific IP clashes with 0.0.0.0", Pod("p").WithHostPort(80, "10.0.0.1"), Pod("q", node: "n").WithHostPort(80), false },
    };

    [Theory]
    [MemberData(nameof(PortCases))]
    public void NodePortsRejectsTakenHostPorts(string _, V1Pod pod, V1Pod bound, bool fits) =>
        AssertResult(Run(new NodePortsFilter(), pod, Node("n"), bound), fits ? FilterCode.Success : FilterCode.Unschedulable,
            fits ? null : "node(s) didn't have free ports for the requested pod ports");

    public static TheoryData<string, V1Pod, V1Node, V1Pod[], string[]> FitCases => new()
    {
        { "fits", Pod("p", "1", "1Gi"), Node("n", "2", "2Gi"), [], [] },
        { "exactly fits", Pod("p", "2", "2Gi"), Node("n", "2", "2Gi"), [], [] },
        { "cpu short", Pod("p", "3"), Node("n", "2"), [], ["Insufficient cpu"] },
        { "bound pods count", Pod("p", "1"), Node("n", "2"), [Pod("a", "1500m", node: "n")], ["Insufficient cpu"] },
        { "every shortage is listed", Pod("p", "3", "3Gi"), Node("n", "2", "2Gi"), [], ["Insufficient cpu", "Insufficient memory"] },
        { "pod count comes first", Pod("p", "3"), Node("n", "2", pods: "1"), [Pod("a", node: "n")], ["Too many pods", "Insufficient cpu"] },
        { "a pod without requests only needs a pod slot", Pod("p"), Node("n", "0", "0", pods: "1"), [], [] },
        { "terminated pods do not count", Pod("p", "2"), Node("n", "2"), [Terminated(Pod("a", "2", node: "n"))], [] },
    };

    static V1Pod Terminated(V1Pod pod)
    {
        pod.Status.Phase = "Succeeded";
        return pod;
    }

    [Theory]
    [MemberData(nameof(FitCases))]
    public void NodeResourcesFitListsEveryShortage(string _, V1Pod pod, V1Node node, V1Pod[] bound, string[] reasons)
    {
        var result = Run(new NodeResourcesFitFilter(), pod, node, bound);
        Assert.Equal(reasons, result.Reasons);
        Assert.Equal(reasons.Length == 0 ? FilterCode.Success : FilterCode.Unschedulable, result.Code);
    }

    [Fact]
    public void EphemeralStorageShortageIsReported()
    {
        var pod = Pod("p");
        pod.Spec.Containers[0].Resources.Requests["ephemeral-storage"] = new ResourceQuantity("2Gi");
        Assert.Equal(["Insufficient ephemeral-storage"], Run(new NodeResourcesFitFilter(), pod, Node("n", storage: "1Gi")).Reasons);
    }

    [Fact]
    public void NodeNameOnlyFitsTheNamedNode()
    {
        var pod = Pod("p", node: "a");
        Assert.True(Run(new NodeNameFilter(), pod, Node("a")).IsSuccess);
        AssertResult(Run(new NodeNameFilter(), pod, Node("b")), FilterCode.UnschedulableAndUnresolvable, "node(s) didn't match the requested node name");
    }

    static void AssertResult(FilterResult result, FilterCode code, string? reason)
    {
        Assert.Equal(code, result.Code);
        Assert.Equal(reason is null ? [] : [reason], result.Reasons);
    }
}
