using k8s.Models;
using PodLife.Controllers.Endpoints;

namespace PodLife.Controllers.Tests.Endpoints;

// kube's TriggerTimeTracker: the Service's creation on the first sync, then the earliest trigger time that changed.
public class TriggerTimeTrackerTests
{
    static readonly DateTime Created = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);

    static V1Service Service() => new() { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", CreationTimestamp = Created } };

    static V1Pod Pod(string name, DateTime? readySince) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Status = new V1PodStatus
        {
            Conditions = readySince is { } t ? [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = t }] : null,
        },
    };

    [Fact]
    public void TheFirstSyncOfAServiceGivesItsCreationTime()
    {
        var tracker = new TriggerTimeTracker();

        Assert.Equal(Created, tracker.Compute(Service(), [Pod("a", Created.AddSeconds(30))]));
    }

    [Fact]
    public void LaterSyncsGiveTheEarliestPodChangeAndNothingWhenNoneChanged()
    {
        var tracker = new TriggerTimeTracker();
        tracker.Compute(Service(), [Pod("a", Created.AddSeconds(5))]);

        Assert.Null(tracker.Compute(Service(), [Pod("a", Created.AddSeconds(5))]));
        Assert.Equal(Created.AddSeconds(20), tracker.Compute(Service(), [Pod("a", Created.AddSeconds(30)), Pod("b", Created.AddSeconds(20)), Pod("c", null)]));
        Assert.Null(tracker.Compute(Service(), [Pod("a", Created.AddSeconds(30)), Pod("b", Created.AddSeconds(20))]));
    }

    [Fact]
    public void AForgottenServiceStartsAgainFromItsCreation()
    {
        var tracker = new TriggerTimeTracker();
        tracker.Compute(Service(), []);
        tracker.Forget("shop", "web");

        Assert.Equal(Created, tracker.Compute(Service(), []));
    }

    [Fact]
    public void TimesAreWrittenAsGoWritesRfc3339Nano()
    {
        Assert.Equal("2026-12-06T10:00:00Z", TriggerTimeTracker.Format(Created));
        Assert.Equal("2026-12-06T10:00:00.25Z", TriggerTimeTracker.Format(Created.AddMilliseconds(250)));
    }
}
