using k8s.Models;
using PodLife.Node.Probes;

namespace PodLife.Node.Tests.Probes;

/// <summary>Probe results flip only after successThreshold / failureThreshold outcomes in a row (pkg/kubelet/prober/worker.go doProbe).</summary>
public sealed class ProbeCounterTests
{
    [Theory]
    // kind, outcomes (1 pass, 0 fail), successThreshold, failureThreshold, expected result (null: unknown)
    [InlineData(ProbeKind.Readiness, "", 1, 3, false)]      // readiness starts failed
    [InlineData(ProbeKind.Liveness, "", 1, 3, true)]        // liveness starts passed
    [InlineData(ProbeKind.Startup, "", 1, 3, null)]         // startup starts unknown
    [InlineData(ProbeKind.Liveness, "00", 1, 3, true)]      // two failures are not enough
    [InlineData(ProbeKind.Liveness, "000", 1, 3, false)]    // the third gives up
    [InlineData(ProbeKind.Liveness, "00100", 1, 3, true)]   // a pass resets the failure streak
    [InlineData(ProbeKind.Readiness, "1", 1, 3, true)]
    [InlineData(ProbeKind.Readiness, "1", 2, 3, false)]     // successThreshold 2 needs two passes
    [InlineData(ProbeKind.Readiness, "11", 2, 3, true)]
    [InlineData(ProbeKind.Readiness, "110", 2, 1, false)]   // failureThreshold 1 flips at once
    [InlineData(ProbeKind.Startup, "0001", 1, 3, true)]
    public void A_probe_result_follows_its_thresholds(ProbeKind kind, string outcomes, int successThreshold, int failureThreshold, bool? expected)
    {
        var probe = new V1Probe { SuccessThreshold = successThreshold, FailureThreshold = failureThreshold };
        var counter = outcomes.Aggregate(ProbeCounter.Initial(kind), (c, o) => c.After(o == '1', probe));
        Assert.Equal(expected, counter.Result);
    }

    [Fact]
    public void Unset_thresholds_mean_one_success_and_three_failures()
    {
        var probe = new V1Probe();
        var counter = ProbeCounter.Initial(ProbeKind.Readiness).After(true, probe);
        Assert.True(counter.Result);
        counter = counter.After(false, probe).After(false, probe);
        Assert.True(counter.Result);
        Assert.False(counter.After(false, probe).Result);
    }
}
