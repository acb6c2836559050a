using PodLife.Controllers.NodeLifecycle;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// pkg/controller/util/node MarkPodsNotReady: only the Ready condition changes.
public class PodsNotReadyTests
{
    [Theory]
    [InlineData("True", false)]
    [InlineData("False", true)]
    [InlineData("Unknown", true)]
    public void ReadyPodsOnANotReadyNodeTurnNotReady(string nodeReady, bool marked)
    {
        var pod = RunningPod("p", "n");
        var conditions = PodsNotReady.MarkNotReady(pod, nodeReady, T0.AddMinutes(1));

        Assert.Equal(marked, conditions is not null);
        if (conditions is null)
            return;
        var ready = conditions.Single(c => c.Type == "Ready");
        Assert.Equal("False", ready.Status);
        Assert.Equal(T0.AddMinutes(1).UtcDateTime, ready.LastTransitionTime);
        Assert.Equal(["True", "False", "True"], conditions.Select(c => c.Status));
    }

    [Fact]
    public void APodAlreadyNotReadyIsLeftAlone()
    {
        var pod = RunningPod("p", "n");
        pod.Status.Conditions[1].Status = "False";
        Assert.Null(PodsNotReady.MarkNotReady(pod, "Unknown", T0));
    }
}
