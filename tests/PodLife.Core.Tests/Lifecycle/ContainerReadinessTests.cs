using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Rules of pkg/kubelet/prober/prober_manager.go UpdatePodStatus and isContainerStarted
// (cases after prober_manager_test.go TestUpdatePodStatus / TestUpdatePodStatusWithInitContainers).
public class ContainerReadinessTests
{
    [Theory]
    [InlineData("running", false, false, false, false, true, true)]    // no probes: started and ready at once
    [InlineData("running", true, false, false, false, false, false)]   // startup probe not passed yet
    [InlineData("running", true, true, false, false, true, true)]      // startup probe passed
    [InlineData("running", false, false, true, false, true, false)]    // readiness probe not passed yet
    [InlineData("running", false, false, true, true, true, true)]      // readiness probe passed
    [InlineData("running", true, false, true, true, false, false)]     // readiness is not counted before startup
    [InlineData("waiting", false, false, false, false, false, false)]  // not running: neither started nor ready
    [InlineData("terminated", false, false, false, false, false, false)]
    [InlineData("nostate", false, false, false, false, false, false)]
    public void StartedAndReadyFollowTheProbes(string state, bool hasStartup, bool startupOk, bool hasReadiness, bool readinessOk,
        bool started, bool ready)
    {
        var status = Status(state);
        var probes = new ProbeResults(hasStartup, startupOk, hasReadiness, readinessOk);
        var applied = ContainerReadiness.Apply(status, probes);
        Assert.Equal((started, ready), (applied.Started == true, applied.Ready));
    }

    [Theory]
    [InlineData("terminated", true)]   // exited 0
    [InlineData("failed", false)]
    [InlineData("running", false)]
    [InlineData("waiting", false)]
    public void ARegularInitContainerIsReadyOnceItExitedZero(string state, bool ready) =>
        Assert.Equal(ready, ContainerReadiness.Apply(Status(state), ProbeResults.None, isRegularInitContainer: true).Ready);

    static k8s.Models.V1ContainerStatus Status(string state) => state switch
    {
        "running" => new ContainerStatusBuilder("c").Running(),
        "waiting" => new ContainerStatusBuilder("c").Waiting(),
        "terminated" => new ContainerStatusBuilder("c").Terminated(0),
        "failed" => new ContainerStatusBuilder("c").Terminated(1),
        _ => new ContainerStatusBuilder("c").NoState(),
    };
}
