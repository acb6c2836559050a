using k8s.Models;
using PodLife.Core.Printing;
using static PodLife.Core.Tests.Printing.Statuses;

namespace PodLife.Core.Tests.Printing;

// Cases from pkg/printers/internalversion/printers_test.go TestPrintNodeStatus, TestPrintNodeRole,
// TestPrintNodeOSImage, TestPrintNodeExternalIP and TestPrintNodeInternalIP.
public class NodeColumnsTests
{
    static V1Node Node(string name, bool unschedulable = false, IDictionary<string, string>? labels = null,
        params (string Type, string Status)[] conditions) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = labels },
        Spec = new V1NodeSpec { Unschedulable = unschedulable },
        Status = new V1NodeStatus { Conditions = [.. conditions.Select(c => new V1NodeCondition { Type = c.Type, Status = c.Status })] },
    };

    public static TheoryData<V1Node, string> StatusCases => new()
    {
        { Node("foo1", conditions: ("Ready", "True")), "foo1 | Ready | <none> | <unknown> | " },
        { Node("foo2", unschedulable: true, conditions: ("Ready", "True")), "foo2 | Ready,SchedulingDisabled | <none> | <unknown> | " },
        { Node("foo3", conditions: [("Ready", "True"), ("Ready", "True")]), "foo3 | Ready | <none> | <unknown> | " },
        { Node("foo4", conditions: ("Ready", "False")), "foo4 | NotReady | <none> | <unknown> | " },
        { Node("foo5", unschedulable: true, conditions: ("Ready", "False")), "foo5 | NotReady,SchedulingDisabled | <none> | <unknown> | " },
        { Node("foo6", conditions: ("InvalidValue", "True")), "foo6 | Unknown | <none> | <unknown> | " },
        { Node("foo7", conditions: ("", "")), "foo7 | Unknown | <none> | <unknown> | " },
        { Node("foo8", unschedulable: true, conditions: ("InvalidValue", "True")), "foo8 | Unknown,SchedulingDisabled | <none> | <unknown> | " },
        // The node lifecycle controller sets Ready=Unknown when leases stop; kubectl shows NotReady (spec section 12).
        { Node("lost", conditions: ("Ready", "Unknown")), "lost | NotReady | <none> | <unknown> | " },
        { Node("foo10", labels: new Dictionary<string, string> { ["node-role.kubernetes.io/master"] = "", ["node-role.kubernetes.io/control-plane"] = "", ["node-role.kubernetes.io/proxy"] = "", ["kubernetes.io/role"] = "node" }), "foo10 | Unknown | control-plane,master,node,proxy | <unknown> | " },
        { Node("foo11", labels: new Dictionary<string, string> { ["kubernetes.io/role"] = "node" }), "foo11 | Unknown | node | <unknown> | " },
        { Node("bare-prefix", labels: new Dictionary<string, string> { ["node-role.kubernetes.io/"] = "x", ["kubernetes.io/role"] = "" }), "bare-prefix | Unknown | <none> | <unknown> | " },
    };

    [Theory]
    [MemberData(nameof(StatusCases))]
    public void StatusAndRolesAreComputedLikePrintNode(V1Node node, string expected) =>
        Assert.Equal(expected, string.Join(" | ", NodeColumns.From(node, Now).Cells(wide: false)));

    [Theory]
    [InlineData("ExternalIP=1.1.1.1", "<none> | 1.1.1.1")]
    [InlineData("InternalIP=1.1.1.1", "1.1.1.1 | <none>")]
    [InlineData("ExternalIP=2.2.2.2,InternalIP=3.3.3.3,ExternalIP=4.4.4.4", "3.3.3.3 | 2.2.2.2")]
    [InlineData("InternalIP=2.2.2.2,ExternalIP=3.3.3.3,InternalIP=4.4.4.4", "2.2.2.2 | 3.3.3.3")]
    public void WideShowsTheFirstInternalAndExternalAddress(string addresses, string expected)
    {
        var node = Node("foo");
        node.Status.Addresses = [.. addresses.Split(',').Select(a => a.Split('=')).Select(p => new V1NodeAddress { Type = p[0], Address = p[1] })];
        var row = NodeColumns.From(node, Now);
        Assert.Equal(expected, $"{row.InternalIp} | {row.ExternalIp}");
    }

    [Fact]
    public void WideShowsUnknownForMissingSystemInfo()
    {
        var node = Node("foo1");
        node.Status.NodeInfo = new V1NodeSystemInfo { OsImage = "fake-os-image", KubeletVersion = "v1.33.1" };
        node.Metadata.CreationTimestamp = Ago(TimeSpan.FromDays(3) + TimeSpan.FromHours(4));
        Assert.Equal("foo1 | Unknown | <none> | 3d4h | v1.33.1 | <none> | <none> | fake-os-image | <unknown> | <unknown>",
            string.Join(" | ", NodeColumns.From(node, Now).Cells(wide: true)));
    }

    [Fact]
    public void AnEmptyNodeDoesNotThrow() =>
        Assert.Equal(" | Unknown | <none> | <unknown> | ", string.Join(" | ", NodeColumns.From(new V1Node(), Now).Cells(wide: false)));
}
