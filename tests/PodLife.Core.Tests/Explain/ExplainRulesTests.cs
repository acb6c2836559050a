using k8s.Models;
using PodLife.Core.Explain;
using PodLife.Core.Stages;
using PodLife.Testing;

namespace PodLife.Core.Tests.Explain;

/// <summary>The rules behind the explanation lines: scheduler message parsing, exit-code advice, back-off steps.</summary>
public sealed class ExplainRulesTests
{
    static readonly DateTimeOffset Now = new(TestTimes.T0);

    [Theory]
    // kube-scheduler FitError messages (pkg/scheduler/schedule_one.go), 1.33 wording with its preemption suffix.
    [InlineData("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
        "1|node(s) had untolerated taint {node-role.kubernetes.io/control-plane: };2|Insufficient cpu")]
    [InlineData("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..",
        "1|node(s) didn't match Pod's node affinity/selector")]
    [InlineData("0/2 nodes are available: 1 Insufficient memory, 1 Too many pods.", "1|Insufficient memory;1|Too many pods")]
    [InlineData("no nodes available to schedule pods", "")]
    public void TheSchedulersReasonHistogramIsReadFromTheFailedSchedulingMessage(string message, string expected)
    {
        var reasons = SchedulingAdvisor.Reasons(message).Select(r => $"{r.Count}|{r.Reason}");
        Assert.Equal(expected, string.Join(';', reasons));
    }

    [Theory]
    // Exit codes above 128 are 128 + signal (137 SIGKILL, 143 SIGTERM); 126/127 are the shell's "not executable"/"not found".
    [InlineData("Error", 1, "see why container app exited with code 1: kubectl logs web -n default -c app --previous")]
    [InlineData("Error", 127, "container app's command was not found (exit 127)")]
    [InlineData("Error", 126, "container app's command is not executable (exit 126)")]
    [InlineData("Error", 137, "container app was killed with SIGKILL (exit 137)")]
    [InlineData("Error", 143, "container app was stopped with SIGTERM (exit 143)")]
    [InlineData("OOMKilled", 137, "container app ran out of memory (OOMKilled): raise its memory limit")]
    [InlineData("Completed", 0, "container app exits with code 0 but restartPolicy restarts it")]
    public void ACrashLoopsLastExitDecidesWhatTheUserIsAskedToDo(string reason, int exitCode, string actionStart)
    {
        var pod = new PodBuilder().WithContainers("app").OnNode("worker-1").WithPhase("Running").WithStatuses(new V1ContainerStatus
        {
            Name = "app", Image = "busybox", ImageID = "", RestartCount = 2,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff" } },
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = reason, ExitCode = exitCode, FinishedAt = TestTimes.T0.AddSeconds(-5) } },
        }).Build();

        var explanation = Explainer.Explain(pod, [], null, null, null, Now);

        Assert.Contains(explanation.Actions, a => a.StartsWith(actionStart, StringComparison.Ordinal));
        // No message to read the delay from: after 2 restarts the back-off is 20s (10s doubling, kubelet.go backOffPeriod).
        Assert.Contains("next restart of container app in 15s (back-off 20s, restart 3)", explanation.Next);
        Assert.Equal(1, explanation.ExitCode);
    }

    [Fact]
    public void AContainerKilledForItsPostStartHookIsToldToFixTheHookWithTheHooksOutput()
    {
        const string Hook = "Exec lifecycle hook ([sh -c exit 3]) for Container \"app\" in Pod \"web_default(u1)\" failed - error: command 'sh -c exit 3' exited with 3: , message: \"\"";
        var pod = new PodBuilder().WithContainers("app").OnNode("worker-1").WithPhase("Running").WithStatuses(new V1ContainerStatus
        {
            Name = "app", Image = "busybox", ImageID = "", RestartCount = 0,
            State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "PostStartHookError", Message = Hook } },
            LastState = new V1ContainerState { Terminated = new V1ContainerStateTerminated { Reason = "Error", ExitCode = 137, FinishedAt = TestTimes.T0.AddSeconds(-5) } },
        }).Build();

        var explanation = Explainer.Explain(pod, [], null, null, null, Now);

        Assert.Contains($"fix the postStart hook of container app: {Hook}", explanation.Actions);
        Assert.Contains("kubelet killed container app because its postStart hook failed; it restarts it with back-off", explanation.Next);
        Assert.Equal(1, explanation.ExitCode);
    }

    [Theory]
    // client-go flowcontrol.Backoff as kubelet configures it: 10s doubling, capped at 5m.
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(5, 160)]
    [InlineData(6, 300)]
    [InlineData(1000, 300)]
    public void TheBackOffAfterNFailuresDoublesFrom10sUpTo5m(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), BackoffSteps.DelayAfter(PodLife.Core.Backoff.BackoffPolicy.ContainerRestart, failures));

    [Fact]
    public void AGatedPodIsToldToRemoveItsSchedulingGate()
    {
        var pod = new PodBuilder("gated").WithContainers("app")
            .WithCondition("PodScheduled", "False", "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates").Build();
        pod.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/quota" }];

        var explanation = Explainer.Explain(pod, [], null, [], null, Now);

        Assert.Contains(explanation.Actions, a => a.StartsWith("remove the scheduling gate(s) [example.com/quota]", StringComparison.Ordinal));
        Assert.Equal(0, explanation.ExitCode);
    }

    [Fact]
    public void TheStageAPodIsStillInIsDescribedAsItIsNowAndEarlierOnesAsTheyBegan()
    {
        var pod = new PodBuilder().WithInitContainers("init").WithContainers("app").OnNode("worker-1").WithPhase("Pending")
            .WithInitStatuses(new V1ContainerStatus
            {
                Name = "init", Image = "busybox", ImageID = "", RestartCount = 0,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = TestTimes.T0.AddSeconds(-8) } },
            }).Build();
        var history = new PodHistory([new PodTransition(Now.AddSeconds(-10), LifecycleStage.Initializing, "waiting to be scheduled to a node")]);
        var earlier = new PodHistory([
            new PodTransition(Now.AddSeconds(-30), LifecycleStage.NormalOperation, "Running and Ready"),
            new PodTransition(Now.AddSeconds(-10), LifecycleStage.Initializing, "waiting to be scheduled to a node"),
        ]);

        var span = Assert.Single(Explainer.Explain(pod, [], null, null, history, Now).History);
        var spans = Explainer.Explain(pod, [], null, null, earlier, Now).History;

        Assert.Equal((LifecycleStage.Initializing, "init container init is running (1/1)", true), (span.Stage, span.Detail, span.Current));
        Assert.Equal(["Running and Ready", "init container init is running (1/1)"], spans.Select(s => s.Detail));
    }
}
