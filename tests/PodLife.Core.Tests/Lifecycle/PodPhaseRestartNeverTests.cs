using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Cases from kubernetes pkg/kubelet/kubelet_pods_test.go: TestPodPhaseWithRestartNever,
// TestPodPhaseWithRestartNeverInitContainers, TestPodPhaseWithRestartNeverRestartableInitContainers.
public class PodPhaseRestartNeverTests
{
    [Theory]
    [InlineData("", "Pending")]                       // waiting
    [InlineData("running running", "Running")]        // all running
    [InlineData("succeeded succeeded", "Succeeded")]  // all succeeded
    [InlineData("failed failed", "Failed")]           // all failed
    [InlineData("running succeeded", "Running")]      // mixed state #1
    [InlineData("running -", "Pending")]              // mixed state #2
    [InlineData("running waiting", "Pending")]        // mixed state #3
    public void TwoContainersFollowKubelet(string words, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod(), "", words, false));

    [Theory]
    [InlineData("-", "", "Pending")]                         // empty, waiting
    [InlineData("running", "", "Pending")]                   // init container running
    [InlineData("failed", "", "Failed")]                     // init container terminated non-zero
    [InlineData("crashloop", "", "Pending")]                 // init container waiting, terminated zero
    [InlineData("crashloopfailed", "", "Failed")]            // init container waiting, terminated non-zero
    [InlineData("waiting", "", "Pending")]                   // init container waiting, not terminated
    [InlineData("succeeded", "running running", "Running")]  // init container succeeded
    public void AFailedInitContainerFailsThePod(string init, string words, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod().WithInitContainers("containerX"), init, words, false));

    [Theory]
    [InlineData("-", "", "Pending")]                                   // empty, waiting
    [InlineData("running", "", "Pending")]                             // sidecar running
    [InlineData("stopped", "", "Pending")]                             // sidecar stopped
    [InlineData("crashloop", "", "Pending")]                           // sidecar waiting, terminated zero
    [InlineData("crashloopfailed", "", "Pending")]                     // sidecar waiting, terminated non-zero
    [InlineData("waiting", "", "Pending")]                             // sidecar waiting, not terminated
    [InlineData("started", "running -", "Pending")]                    // sidecar started, one main container running
    [InlineData("started", "succeeded succeeded", "Running")]          // sidecar started, main containers succeeded
    [InlineData("running", "succeeded succeeded", "Running")]          // sidecar running, main containers succeeded
    [InlineData("succeeded", "succeeded succeeded", "Succeeded")]      // all containers succeeded
    [InlineData("failed", "succeeded succeeded", "Succeeded")]         // sidecar failed, main containers succeeded
    [InlineData("crashloop", "succeeded succeeded", "Succeeded")]      // crash-looping sidecar, main succeeded
    [InlineData("crashloopfailed", "succeeded succeeded", "Succeeded")]
    public void ASidecarDoesNotDecideTheOutcome(string init, string words, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod().WithSidecars("containerX"), init, words, false));

    static PodBuilder Pod() =>
        new PodBuilder().WithContainers("containerA", "containerB").WithRestartPolicy(RestartPolicies.Never);
}
