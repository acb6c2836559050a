using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Cases from kubernetes pkg/kubelet/status/status_manager_test.go TestMergePodStatus and
// TestUpdateLastTransitionTime, plus kubelet's condition order from generateAPIPodStatus.
public class PodConditionMergeTests
{
    static readonly DateTime Now = TestTimes.T0.AddMinutes(5);

    [Theory]
    [InlineData("Ready=True PodScheduled=True", "Ready=True PodScheduled=True", "Ready=True PodScheduled=True")]                 // no change
    [InlineData("Ready=True PodScheduled=True", "Ready=False PodScheduled=True", "Ready=False PodScheduled=True")]               // readiness changes
    [InlineData("Ready=True PodScheduled=True example.com/feature=True", "Ready=True PodScheduled=True",
        "example.com/feature=True Ready=True PodScheduled=True")]                                                              // additional pod condition
    [InlineData("Ready=True PodScheduled=True example.com/feature=True", "Ready=False PodScheduled=True",
        "example.com/feature=True Ready=False PodScheduled=True")]                                                             // ... and readiness changes
    [InlineData("Ready=True PodScheduled=True example.com/feature=True", "Ready=True PodScheduled=True example.com/feature=False",
        "example.com/feature=True Ready=True PodScheduled=True")]                                                              // kubelet cannot change others' conditions
    [InlineData("", "Ready=False PodScheduled=True DisruptionTarget=True", "DisruptionTarget=True Ready=False PodScheduled=True")] // kubelet shares DisruptionTarget
    public void OthersConditionsStayFirstAndKubeletOwnsItsOwn(string old, string generated, string expected)
    {
        var merged = PodConditionMerge.Merge(Conditions(old, TestTimes.T0), Conditions(generated, null), Now);
        Assert.Equal(expected, string.Join(' ', merged.Select(c => $"{c.Type}={c.Status}")));
    }

    [Fact]
    public void KubeletConditionsComeInKubeletsOrder()
    {
        var generated = Conditions("PodScheduled=True ContainersReady=True Ready=True Initialized=True PodReadyToStartContainers=True", null);
        var merged = PodConditionMerge.Merge(Conditions("gate1=True", TestTimes.T0), generated, Now);
        Assert.Equal(["gate1", "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"], merged.Select(c => c.Type));
    }

    [Theory]
    [InlineData("", "True", true)]          // a new condition
    [InlineData("True", "True", false)]     // the status stayed
    [InlineData("False", "True", true)]     // the status flipped
    [InlineData("True", "False", true)]
    public void LastTransitionTimeMovesOnlyWhenTheStatusFlips(string oldStatus, string newStatus, bool moves)
    {
        var old = oldStatus == "" ? [] : Conditions($"Ready={oldStatus}", TestTimes.T0);
        var merged = PodConditionMerge.Merge(old, Conditions($"Ready={newStatus}", null), Now);
        Assert.Equal(moves ? Now : TestTimes.T0, merged.Single().LastTransitionTime);
    }

    [Fact]
    public void AChangedReasonOrMessageKeepsTheTransitionTime()
    {
        var old = new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady", Message = "containers with unready status: [a]", LastTransitionTime = TestTimes.T0 };
        var fresh = new V1PodCondition { Type = "Ready", Status = "False", Reason = "PodFailed" };
        var merged = PodConditionMerge.Merge([old], [fresh], Now).Single();
        Assert.Equal(("PodFailed", (string?)null, (DateTime?)TestTimes.T0), (merged.Reason, merged.Message, merged.LastTransitionTime));
    }

    [Fact]
    public void AGeneratedListWithTheSameTypeTwiceIsAClearError()
    {
        var error = Assert.Throws<ArgumentException>(() => PodConditionMerge.Merge(null, Conditions("Ready=True Ready=False", null), Now));
        Assert.Contains("more than one Ready condition", error.Message);
    }

    [Fact]
    public void NullConditionsAreAClearError() =>
        Assert.Throws<ArgumentException>(() => PodConditionMerge.Merge([null!], [], Now));

    static List<V1PodCondition> Conditions(string words, DateTime? at) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => w.Split('=')).Select(p => new V1PodCondition { Type = p[0], Status = p[1], LastTransitionTime = at }).ToList();
}
