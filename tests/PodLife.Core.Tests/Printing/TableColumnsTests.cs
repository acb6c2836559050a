using PodLife.Core.Printing;

namespace PodLife.Core.Tests.Printing;

// Column definitions as kube-apiserver returns them (printers.go AddHandlers; a live Table response for pods:
// Name/format name, Restarts of type string, the last four with priority 1).
public class TableColumnsTests
{
    static string Describe(IEnumerable<TableColumn> columns) =>
        string.Join(", ", columns.Select(c => $"{c.Name}:{c.Type}:{c.Format}:{c.Priority}"));

    [Fact]
    public void PodColumnsMatchKubeApiserver() => Assert.Equal(
        "Name:string:name:0, Ready:string::0, Status:string::0, Restarts:string::0, Age:string::0, IP:string::1, Node:string::1, Nominated Node:string::1, Readiness Gates:string::1",
        Describe(TableColumns.Pods));

    [Fact]
    public void NodeColumnsMatchKubeApiserver() => Assert.Equal(
        "Name:string:name:0, Status:string::0, Roles:string::0, Age:string::0, Version:string::0, Internal-IP:string::1, External-IP:string::1, OS-Image:string::1, Kernel-Version:string::1, Container-Runtime:string::1",
        Describe(TableColumns.Nodes));

    [Fact]
    public void EventColumnsMatchKubeApiserver() => Assert.Equal(
        "Last Seen:string::0, Type:string::0, Reason:string::0, Object:string::0, Subobject:string::1, Source:string::1, Message:string::0, First Seen:string::1, Count:string::1, Name:string:name:1",
        Describe(TableColumns.Events));

    [Fact]
    public void NamespaceColumnsMatchKubeApiserver() =>
        Assert.Equal("Name:string:name:0, Status:string::0, Age:string::0", Describe(TableColumns.Namespaces));

    [Fact]
    public void DescriptionsAreTheApiFieldDocs()
    {
        Assert.Equal("The aggregate status of the containers in this pod.", TableColumns.Pods[2].Description);
        Assert.StartsWith("CreationTimestamp is a timestamp representing the server time", TableColumns.Namespaces[2].Description);
        Assert.Contains("in UTC.\n\nPopulated by the system.", TableColumns.Pods[4].Description);
    }

    [Fact]
    public void RowCellsLineUpWithTheColumns()
    {
        var pod = PodColumns.From(new k8s.Models.V1Pod(), DateTimeOffset.UnixEpoch);
        Assert.Equal(TableColumns.Pods.Count, pod.Cells(wide: true).Count);
        Assert.Equal(TableColumns.Pods.Count(c => c.Priority == 0), pod.Cells(wide: false).Count);
        var node = NodeColumns.From(new k8s.Models.V1Node(), DateTimeOffset.UnixEpoch);
        Assert.Equal(TableColumns.Nodes.Count, node.Cells(wide: true).Count);
        Assert.Equal(TableColumns.Nodes.Count(c => c.Priority == 0), node.Cells(wide: false).Count);
        var e = EventColumns.From(new k8s.Models.Corev1Event(), DateTimeOffset.UnixEpoch);
        Assert.Equal(TableColumns.Events.Count, e.Cells(wide: true).Count);
        Assert.Equal(TableColumns.Events.Count(c => c.Priority == 0), e.Cells(wide: false).Count);
    }
}
