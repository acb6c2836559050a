using k8s.Models;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.Core.Tests.History;

public class StatusStampTests
{
    static readonly DateTimeOffset T0 = new(TestTimes.T0);

    [Theory]
    [InlineData(0, 400, 400)]     // whole-second stamp, written 400 ms later in the same second: the write's time
    [InlineData(0, 999, 999)]
    [InlineData(0, 1000, 0)]      // written a second or more later: the node reported late, its stamp stands
    [InlineData(0, 5300, 0)]
    [InlineData(250, 400, 250)]   // a stamp with sub-second precision is already exact
    public void AWholeSecondStampIsRefinedOnlyByAWriteInTheSameSecond(int stampMs, int writtenMs, int expectedMs)
    {
        var refined = StatusStamp.Refine(TestTimes.T0.AddMilliseconds(stampMs), T0.AddMilliseconds(writtenMs));
        Assert.Equal(T0.AddMilliseconds(expectedMs), refined);
    }

    [Fact]
    public void AnUnsetStampIsNull()
    {
        Assert.Null(StatusStamp.Refine(null, T0));
        Assert.Null(StatusStamp.Refine(DateTime.MinValue, T0));
    }

    [Fact]
    public void ABindingWithinTheSecondOfTheCreateIsRecordedAfterIt()
    {
        // Created at .400; the binding at .450 stamps PodScheduled with the whole second (.000).
        var created = new PodBuilder().WithContainers("app").Build();
        var bound = new PodBuilder().WithContainers("app").OnNode("node-1").Build();
        bound.Status.Conditions = [new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = TestTimes.T0 }];

        var t = TimelineRecording.PodWritten(null, null, created, T0.AddMilliseconds(400));
        t = TimelineRecording.PodWritten(t, created, bound, T0.AddMilliseconds(450));

        var scheduled = t.Entries.Single(e => e is { Kind: "Condition", Name: "PodScheduled" });
        Assert.Equal(T0.AddMilliseconds(450), scheduled.Time);
        Assert.Equal(t.Entries.OrderBy(e => e.Time).Select(e => e.Time), t.Entries.Select(e => e.Time));
    }
}
