using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// A container whose command the image lacks (a typo such as <c>slep 3600</c>): containerd's StartError, kubelet's
/// RunContainerError and back-off, as a real node shows them; and a script put into the container runs.
/// </summary>
public sealed class MissingProgramScenarioTests
{
    const string RuncMessage = "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: " +
        "unable to start container process: exec: \"slep\": executable file not found in $PATH: unknown";

    static V1Container Typo() => new() { Name = "main", Image = "busybox:1.36", Command = ["slep", "3600"] };

    [Fact]
    public async Task A_program_the_image_lacks_never_starts_and_the_container_backs_off_with_StartError_as_its_last_state()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(NodeHarness.Pod("typo", Typo()));

        var pod = await h.UntilAsync("typo", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff", what: "CrashLoopBackOff");

        var status = pod.Status.ContainerStatuses.Single();
        var last = status.LastState.Terminated;
        Assert.Equal(("StartError", 128, RuncMessage), (last.Reason, last.ExitCode, last.Message));
        Assert.Equal(DateTime.UnixEpoch, last.StartedAt);
        Assert.NotNull(last.FinishedAt);
        Assert.Equal((false, false), (status.Ready, status.Started));
        Assert.Equal(PodPhase.Running, pod.Status.Phase);
        var events = await h.EventsAsync("typo");
        var failed = events.Where(e => e.Reason == "Failed").ToList();
        Assert.NotEmpty(failed);
        // kubelet's event has the gRPC status's message alone, without "rpc error: code = Unknown desc =".
        Assert.All(failed, e => Assert.Equal(("Warning", "Error: " + RuncMessage), (e.Type, e.Message)));
        Assert.DoesNotContain(events, e => e.Reason == "Started");
    }

    [Fact]
    public async Task With_restartPolicy_Never_the_pod_fails_and_the_container_stays_terminated_with_StartError()
    {
        await using var h = await NodeHarness.StartAsync();
        var spec = NodeHarness.Pod("typo-once", Typo());
        spec.Spec.RestartPolicy = "Never";
        await h.RunAsync(spec);

        var pod = await h.UntilAsync("typo-once", p => p.Status?.Phase == PodPhase.Failed, what: "Failed");

        var status = pod.Status.ContainerStatuses.Single();
        Assert.Null(status.State.Waiting);
        Assert.Equal(("StartError", 128, RuncMessage), (status.State.Terminated.Reason, status.State.Terminated.ExitCode, status.State.Terminated.Message));
        Assert.Null(status.LastState.Terminated);
        Assert.Equal(0, status.RestartCount);
        Assert.Equal("StartError", (await h.RowAsync("typo-once")).Status);
    }

    [Fact]
    public async Task A_shell_script_calling_a_program_the_image_lacks_exits_127_and_a_script_file_with_a_shell_line_runs()
    {
        await using var h = await NodeHarness.StartAsync();
        var typo = NodeHarness.Pod("typo-sh", NodeHarness.Shell("main", "slep 3600"));
        typo.Spec.RestartPolicy = "Never";
        var script = NodeHarness.Pod("script",
            new V1Container { Name = "app", Image = "busybox:1.36", Command = ["/work/run.sh", "from-script"], VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }] });
        script.Spec.InitContainers = [NodeHarness.Shell("write", "printf '#!/bin/sh\\necho \"$1\" > /dev/termination-log\\n' > /work/run.sh")];
        script.Spec.InitContainers[0].VolumeMounts = [new V1VolumeMount { Name = "work", MountPath = "/work" }];
        script.Spec.Volumes = [new V1Volume { Name = "work", EmptyDir = new V1EmptyDirVolumeSource() }];
        script.Spec.RestartPolicy = "Never";
        await h.RunAsync(typo);
        await h.RunAsync(script);

        var failed = await h.UntilAsync("typo-sh", p => p.Status?.Phase == PodPhase.Failed, what: "Failed");
        var succeeded = await h.UntilAsync("script", p => p.Status?.Phase == PodPhase.Succeeded, what: "Succeeded");

        Assert.Equal(("Error", 127), (failed.Status.ContainerStatuses.Single().State.Terminated.Reason, failed.Status.ContainerStatuses.Single().State.Terminated.ExitCode));
        Assert.Equal(("Completed", "from-script\n"), (succeeded.Status.ContainerStatuses.Single().State.Terminated.Reason, succeeded.Status.ContainerStatuses.Single().State.Terminated.Message));
    }
}
