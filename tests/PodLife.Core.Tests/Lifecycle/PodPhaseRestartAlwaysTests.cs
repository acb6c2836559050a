using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Cases from kubernetes pkg/kubelet/kubelet_pods_test.go: TestPodPhaseWithRestartAlways,
// TestPodPhaseWithRestartAlwaysInitContainers, TestPodPhaseWithRestartAlwaysRestartableInitContainers,
// TestPodPhaseWithRestartAlwaysAndPodHasRun. Words per container: see ContainerStatusShorthand.
public class PodPhaseRestartAlwaysTests
{
    [Theory]
    [InlineData("", false, "Pending")]                       // waiting
    [InlineData("running running", false, "Running")]        // all running
    [InlineData("stopped stopped", false, "Running")]        // all stopped with restart always
    [InlineData("succeeded succeeded", true, "Succeeded")]   // all succeeded, but the pod is terminal
    [InlineData("succeeded failed", true, "Failed")]         // all stopped, but the pod is terminal
    [InlineData("running stopped", false, "Running")]        // mixed state #1
    [InlineData("running -", false, "Pending")]              // mixed state #2
    [InlineData("running waiting", false, "Pending")]        // mixed state #3
    [InlineData("running crashloop", false, "Running")]      // backoff crashloop container
    public void TwoContainersFollowKubelet(string words, bool terminal, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod(), "", words, terminal));

    [Theory]
    [InlineData("-", "", "Pending")]                         // empty, waiting
    [InlineData("running", "", "Pending")]                   // init container running
    [InlineData("failed", "", "Pending")]                    // init container terminated non-zero
    [InlineData("crashloop", "", "Pending")]                 // init container waiting, terminated zero
    [InlineData("crashloopfailed", "", "Pending")]           // init container waiting, terminated non-zero
    [InlineData("waiting", "", "Pending")]                   // init container waiting, not terminated
    [InlineData("succeeded", "running running", "Running")]  // init container succeeded
    public void InitContainersKeepThePodPendingUntilTheySucceed(string init, string words, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod().WithInitContainers("containerX"), init, words, false));

    [Theory]
    [InlineData("-", "", false, "Pending")]                          // empty, waiting
    [InlineData("running", "", false, "Pending")]                    // sidecar running
    [InlineData("stopped", "", false, "Pending")]                    // sidecar stopped
    [InlineData("crashloop", "", false, "Pending")]                  // sidecar waiting, terminated zero
    [InlineData("crashloopfailed", "", false, "Pending")]            // sidecar waiting, terminated non-zero
    [InlineData("waiting", "", false, "Pending")]                    // sidecar waiting, not terminated
    [InlineData("started", "running -", false, "Pending")]           // sidecar started, 1/2 regular running
    [InlineData("started", "running running", false, "Running")]     // sidecar started, all regular running
    [InlineData("running", "running running", false, "Running")]     // sidecar running, all regular running
    [InlineData("stopped", "running running", false, "Running")]     // sidecar stopped, all regular running
    [InlineData("crashloop", "running running", false, "Running")]   // crash-looping sidecar, all regular running
    [InlineData("failed", "succeeded succeeded", true, "Succeeded")] // regular succeeded, sidecar failed, pod terminal
    [InlineData("succeeded", "succeeded succeeded", true, "Succeeded")]
    public void SidecarsCountOnlyWhileTheyRun(string init, string words, bool terminal, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(Pod().WithSidecars("containerX"), init, words, terminal));

    [Theory]
    [InlineData("running running", "running", "Pending")]   // regular init, sidecar and regular container all running
    [InlineData("running running", "stopped", "Pending")]   // regular container stopped, init and sidecar running
    [InlineData("succeeded running", "stopped", "Running")] // init succeeded, sidecar running, regular stopped
    [InlineData("succeeded running", "running", "Running")] // init succeeded, sidecar and regular running
    public void APodThatHasRunFollowsItsInitContainers(string init, string words, string expected)
    {
        var pod = new PodBuilder().WithInitContainers("containerX").WithSidecars("containerY")
            .WithContainers("containerA").WithRestartPolicy(RestartPolicies.Always);
        Assert.Equal(expected, PhaseTable.Phase(pod, init, words, false));
    }

    static PodBuilder Pod() =>
        new PodBuilder().WithContainers("containerA", "containerB").WithRestartPolicy(RestartPolicies.Always);
}
