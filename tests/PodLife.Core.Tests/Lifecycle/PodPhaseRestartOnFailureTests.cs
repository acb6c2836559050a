using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Cases from kubernetes pkg/kubelet/kubelet_pods_test.go TestPodPhaseWithRestartOnFailure
// (init containers behave as under Always, kubelet has no separate table for them).
public class PodPhaseRestartOnFailureTests
{
    [Theory]
    [InlineData("", "Pending")]                        // waiting
    [InlineData("running running", "Running")]         // all running
    [InlineData("succeeded succeeded", "Succeeded")]   // all succeeded
    [InlineData("failed failed", "Running")]           // all failed: both are restarted
    [InlineData("running succeeded", "Running")]       // mixed state #1
    [InlineData("running -", "Pending")]               // mixed state #2
    [InlineData("running waiting", "Pending")]         // mixed state #3
    [InlineData("running crashloop", "Running")]       // backoff crashloop container
    public void TwoContainersFollowKubelet(string words, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod(), "", words, false));

    [Theory]
    [InlineData("failed", "Pending")]
    [InlineData("crashloopfailed", "Pending")]
    public void AFailingInitContainerIsRetried(string init, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod().WithInitContainers("containerX"), init, "", false));

    static PodBuilder Pod() =>
        new PodBuilder().WithContainers("containerA", "containerB").WithRestartPolicy(RestartPolicies.OnFailure);
}
