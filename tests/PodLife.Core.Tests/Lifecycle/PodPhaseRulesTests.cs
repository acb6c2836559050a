using k8s.Models;
using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Rules around getPhase in pkg/kubelet/kubelet_pods.go: podHasInitialized, static pods, and
// generateAPIPodStatus's "pods are not allowed to transition out of terminal phases".
public class PodPhaseRulesTests
{
    [Theory]
    [InlineData(false, "Pending")] // a sidecar that has not started keeps a fresh pod Pending
    [InlineData(true, "Running")]  // ...but not a pod whose regular containers already run in this sandbox
    public void AnUnstartedSidecarMattersOnlyBeforeThePodHasInitialized(bool podHasInitialized, string expected)
    {
        var pod = new PodBuilder().WithSidecars("proxy").WithContainers("app")
            .WithInitStatuses(new ContainerStatusBuilder("proxy").Running().Started(false))
            .WithStatuses(new ContainerStatusBuilder("app").Running()).Build();
        Assert.Equal(expected, PodPhase.From(pod, new PodPhaseFacts(PodHasInitialized: podHasInitialized)));
    }

    [Theory]
    [InlineData(0, "Succeeded")]   // a deleted Always pod whose container exited 0 on SIGTERM
    [InlineData(143, "Failed")]    // exited on SIGTERM with 143
    [InlineData(137, "Failed")]    // killed with SIGKILL after the grace period
    public void ATerminalPodGetsATerminalPhaseWhateverItsRestartPolicy(int exitCode, string expected)
    {
        var pod = new PodBuilder().WithContainers("app").WithRestartPolicy(RestartPolicies.Always)
            .WithStatuses(new ContainerStatusBuilder("app").Terminated(exitCode)).Build();
        Assert.Equal(expected, PodPhase.From(pod, new PodPhaseFacts(PodIsTerminal: true)));
    }

    [Fact]
    public void AStaticPodNeverBecomesTerminalThroughPodIsTerminal()
    {
        var pod = new PodBuilder().WithContainers("app").WithRestartPolicy(RestartPolicies.Always)
            .WithStatuses(new ContainerStatusBuilder("app").Terminated(0)).Build();
        Assert.Equal(PodPhase.Running, PodPhase.From(pod, new PodPhaseFacts(PodIsTerminal: true, IsStaticPod: true)));
    }

    [Theory]
    [InlineData(null, "Running", "Running")]
    [InlineData("Pending", "Running", "Running")]
    [InlineData("Running", "Failed", "Failed")]
    [InlineData("Succeeded", "Running", "Succeeded")]
    [InlineData("Failed", "Pending", "Failed")]
    [InlineData("Succeeded", "Failed", "Succeeded")] // the API's terminal phase is forced back
    [InlineData("Failed", "Succeeded", "Failed")]
    public void TerminalPhasesNeverChangeBack(string? previous, string computed, string expected) =>
        Assert.Equal(expected, PodPhase.KeepTerminal(previous, computed));

    [Fact]
    public void AnUnsetRestartPolicyMeansAlways()
    {
        var pod = new PodBuilder().WithContainers("app").WithRestartPolicy(null)
            .WithStatuses(new ContainerStatusBuilder("app").Terminated(0)).Build();
        Assert.Equal(PodPhase.Running, PodPhase.From(pod, new PodPhaseFacts()));
    }

    [Theory]
    [InlineData("nostate", "Pending")] // a regular container without any state counts as unknown
    [InlineData("-", "Pending")]
    public void AContainerWithoutAStateIsUnknownSoThePodStaysPending(string word, string expected) =>
        Assert.Equal(expected, PhaseTable.Phase(new PodBuilder().WithContainers("app"), "", word, false));

    [Fact]
    public void StatusesForContainersNotInTheSpecAreIgnored()
    {
        var pod = new PodBuilder().WithContainers("app")
            .WithStatuses(new ContainerStatusBuilder("app").Running(), new ContainerStatusBuilder("ghost").Waiting()).Build();
        Assert.Equal(PodPhase.Running, PodPhase.From(pod, new PodPhaseFacts()));
    }

    [Fact]
    public void NullStatusListsAreNoStatusesYet()
    {
        var pod = new PodBuilder().WithContainers("app").WithoutStatus().Build();
        Assert.Equal(PodPhase.Pending, PodPhase.From(pod, new PodPhaseFacts()));
    }

    [Fact]
    public void AnUnknownRestartPolicyIsAClearError()
    {
        var pod = new PodBuilder().WithContainers("app").WithRestartPolicy("Sometimes").Build();
        var error = Assert.Throws<ArgumentException>(() => PodPhase.From(pod, new PodPhaseFacts()));
        Assert.Contains("\"Sometimes\"", error.Message);
    }

    [Fact]
    public void ANullEntryInTheStatusListIsAClearError()
    {
        var spec = new PodBuilder().WithContainers("app").Build().Spec;
        var error = Assert.Throws<ArgumentException>(() => PodPhase.From(spec, null, [null!], new PodPhaseFacts()));
        Assert.Contains("containerStatuses[0] is null", error.Message);
    }

    [Fact]
    public void AStatusWithoutANameIsAClearError()
    {
        var spec = new PodBuilder().WithContainers("app").Build().Spec;
        Assert.Throws<ArgumentException>(() => PodPhase.From(spec, [new V1ContainerStatus()], null, new PodPhaseFacts()));
    }

    [Fact]
    public void APodWithoutASpecIsAClearError() =>
        Assert.Throws<ArgumentException>(() => PodPhase.From(new V1Pod(), new PodPhaseFacts()));
}
