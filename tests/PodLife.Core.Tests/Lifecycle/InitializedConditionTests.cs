using PodLife.Core.Lifecycle;
using PodLife.Testing;

namespace PodLife.Core.Tests.Lifecycle;

// Cases from kubernetes pkg/kubelet/status/generate_test.go TestGeneratePodInitializedCondition,
// with the messages of generate.go GeneratePodInitializedCondition.
public class InitializedConditionTests
{
    [Theory]
    [InlineData("", "", "", "Running", "True", null, null)]                                     // no init containers
    [InlineData("1234 5678", "", null, "Running", "False", "UnknownContainerStatuses", null)]   // two init containers, nil statuses
    [InlineData("1234", "", "", "Running", "False", "ContainersNotInitialized", "containers with unknown status: [1234]")]
    [InlineData("1234 5678", "", "1234:ready 5678:ready", "Running", "True", null, null)]
    [InlineData("1234 5678", "", "1234:ready", "Running", "False", "ContainersNotInitialized", "containers with unknown status: [5678]")]
    [InlineData("1234 5678", "", "1234:ready 5678:notready", "Running", "False", "ContainersNotInitialized", "containers with incomplete status: [5678]")]
    [InlineData("1234", "", "1234:ready", "Succeeded", "True", "PodCompleted", null)]
    [InlineData("", "1234", "1234:notstarted", "Pending", "False", "ContainersNotInitialized", "containers with incomplete status: [1234]")]
    [InlineData("", "1234", "1234:started", "Running", "True", null, null)]
    [InlineData("", "1234", "1234:notstarted regular:running", "Running", "True", null, null)] // a regular container already started
    [InlineData("1234", "", "1234:waiting regular:terminated", "Running", "True", null, null)]
    [InlineData("a b", "", "b:notready", "Pending", "False", "ContainersNotInitialized", "containers with unknown status: [a], containers with incomplete status: [b]")]
    public void InitializedFollowsKubelet(string inits, string sidecars, string? statuses, string phase,
        string status, string? reason, string? message)
    {
        var spec = new PodBuilder().WithInitContainers(Names(inits)).WithSidecars(Names(sidecars)).WithContainers("regular").Build().Spec;
        PodConditionsTests.AssertCondition(
            PodConditions.Initialized(spec, PodConditionsTests.Statuses(statuses), phase), "Initialized", status, reason, message);
    }

    static string[] Names(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
