using k8s.Models;
using PodLife.Core.Printing;
using static PodLife.Core.Tests.Printing.Statuses;

namespace PodLife.Core.Tests.Printing;

// printers.go printEvent (server-side `kubectl get events`) and kubectl's printOneEvent / DescribeEvents
// for the "(xN over T)" form used by `kubectl events` and `kubectl describe`.
public class EventColumnsTests
{
    static Corev1Event Kubelet(int count, TimeSpan firstAgo, TimeSpan lastAgo) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web.17f3a" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", FieldPath = "spec.containers{app}" },
        Type = "Warning",
        Reason = "BackOff",
        Message = "Back-off restarting failed container app in pod web_default(uid)\n",
        Source = new V1EventSource { Component = "kubelet", Host = "node-1" },
        Count = count,
        FirstTimestamp = Ago(firstAgo),
        LastTimestamp = Ago(lastAgo),
    };

    static Corev1Event Scheduler(TimeSpan eventAgo, int? seriesCount = null, TimeSpan? seriesAgo = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web.18aa" },
        InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web" },
        Type = "Warning",
        Reason = "FailedScheduling",
        Message = "0/1 nodes are available: 1 node(s) were unschedulable.",
        ReportingComponent = "default-scheduler",
        EventTime = Ago(eventAgo),
        Series = seriesCount is { } c ? new Corev1EventSeries { Count = c, LastObservedTime = Ago(seriesAgo!.Value) } : null,
    };

    [Fact]
    public void ALegacyEventPrintsItsLastTimestampAndLowercaseKindSlashName()
    {
        var row = EventColumns.From(Kubelet(3, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5)), Now);
        Assert.Equal("5s | Warning | BackOff | pod/web | Back-off restarting failed container app in pod web_default(uid)",
            string.Join(" | ", row.Cells(wide: false)));
        Assert.Equal(("spec.containers{app}", "kubelet, node-1", "2m", 3L, "web.17f3a"),
            (row.Subobject, row.Source, row.FirstSeen, row.Count, row.Name));
    }

    [Fact]
    public void AnEventsApiEventFallsBackToEventTimeReportingControllerAndCountOne()
    {
        var row = EventColumns.From(Scheduler(TimeSpan.FromSeconds(30)), Now);
        Assert.Equal(("30s", "30s", "default-scheduler", 1L), (row.LastSeen, row.FirstSeen, row.Source, row.Count));
    }

    [Fact]
    public void ASeriesSetsLastSeenAndCount()
    {
        var row = EventColumns.From(Scheduler(TimeSpan.FromMinutes(5), 4, TimeSpan.FromSeconds(20)), Now);
        Assert.Equal(("20s", "5m", 4L), (row.LastSeen, row.FirstSeen, row.Count));
    }

    [Fact]
    public void AnObjectWithoutNameShowsOnlyTheKind()
    {
        var e = new Corev1Event { InvolvedObject = new V1ObjectReference { Kind = "Node" } };
        var row = EventColumns.From(e, Now);
        Assert.Equal(("node", "<unknown>", 1L), (row.Object, row.LastSeen, row.Count));
    }

    [Theory]
    [InlineData(1, "2m")]
    [InlineData(3, "5s (x3 over 2m)")]
    public void KubectlEventsShowsRepeatsAsXnOverT(int count, string expected) =>
        Assert.Equal(expected, EventInterval.Format(Kubelet(count, TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5)), Now));

    [Fact]
    public void KubectlEventsShowsASeriesFromItsLastObservedTime() =>
        Assert.Equal("20s (x4 over 5m)", EventInterval.Format(Scheduler(TimeSpan.FromMinutes(5), 4, TimeSpan.FromSeconds(20)), Now));

    [Fact]
    public void AnEventWithoutTimesIsUnknownNotAnError() =>
        Assert.Equal("<unknown>", EventInterval.Format(new Corev1Event(), Now));
}
