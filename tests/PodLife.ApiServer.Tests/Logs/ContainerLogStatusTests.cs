using k8s.Models;
using PodLife.ApiServer.Logs;

namespace PodLife.ApiServer.Tests.Logs;

/// <summary>Cases of kubelet's validateContainerLogStatus (pkg/kubelet/kubelet_pods.go, kubelet_pods_test.go TestValidateContainerLogStatus).</summary>
public class ContainerLogStatusTests
{
    static V1ContainerState Waiting(string reason) => new() { Waiting = new V1ContainerStateWaiting { Reason = reason } };
    static V1ContainerState Running() => new() { Running = new V1ContainerStateRunning() };
    static V1ContainerState Terminated(string? id) => new() { Terminated = new V1ContainerStateTerminated { ContainerID = id, ExitCode = 1 } };

    static V1PodStatus Status(V1ContainerState state, V1ContainerState? last = null, string? id = "sim://1") => new()
    {
        ContainerStatuses = [new V1ContainerStatus { Name = "app", State = state, LastState = last ?? new V1ContainerState(), ContainerID = id }],
    };

    public static TheoryData<string, V1PodStatus, bool, string?> Cases => new()
    {
        { "running", Status(Running()), false, null },
        { "running, previous without a last state", Status(Running()), true, "previous terminated container \"app\" in pod \"x\" not found" },
        { "restarted, previous", Status(Running(), Terminated("sim://0")), true, null },
        { "creating", Status(Waiting("ContainerCreating"), id: null), false, "container \"app\" in pod \"x\" is waiting to start: ContainerCreating" },
        { "init", Status(Waiting("PodInitializing"), id: null), false, "container \"app\" in pod \"x\" is waiting to start: PodInitializing" },
        { "pull failed", Status(Waiting("ErrImagePull"), id: null), false, "container \"app\" in pod \"x\" is waiting to start: image can't be pulled" },
        { "pull back-off", Status(Waiting("ImagePullBackOff"), id: null), false, "container \"app\" in pod \"x\" is waiting to start: trying and failing to pull image" },
        { "crash loop: the last run has the log", Status(Waiting("CrashLoopBackOff"), Terminated("sim://0")), false, null },
        { "terminated", Status(Terminated("sim://1")), false, null },
        { "terminated without an ID and no earlier run", Status(Terminated(null)), false, "container \"app\" in pod \"x\" is terminated" },
        { "last state without an ID", Status(Waiting("CrashLoopBackOff"), Terminated(null)), false, "container \"app\" in pod \"x\" is terminated" },
        { "no state at all", Status(new V1ContainerState()), false, "container \"app\" in pod \"x\" is waiting to start - no logs yet" },
        { "no status yet", new V1PodStatus(), false, "container \"app\" in pod \"x\" is not available" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheLogIsReadableOrKubeletsReasonIsGiven(string situation, V1PodStatus status, bool previous, string? why)
    {
        Assert.NotNull(situation);
        Assert.Equal(why, ContainerLogStatus.WhyNoLog(status, "x", "app", previous));
    }

}
