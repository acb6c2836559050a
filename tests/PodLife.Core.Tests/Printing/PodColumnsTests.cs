using k8s.Models;
using PodLife.Core.Printing;
using static PodLife.Core.Tests.Printing.Statuses;

namespace PodLife.Core.Tests.Printing;

// Cases from pkg/printers/internalversion/printers_test.go TestPrintPod (testN names kept) and
// TestPrintPodWithRestartableInitContainer; expected cells are NAME | READY | STATUS | RESTARTS | AGE.
public class PodColumnsTests
{
    static readonly TimeSpan S10 = TimeSpan.FromSeconds(10), S20 = TimeSpan.FromSeconds(20), M2 = TimeSpan.FromMinutes(2);
    static readonly DateTime DeletedAt = Ago(S10);

    public static TheoryData<string, V1Pod, string> PrintPodCases => new()
    {
        { "test1: ready count and summed restarts", Pod("test1", 2, "podPhase", [Running(ready: true, restarts: 3), NoState(restarts: 3)]), "test1 | 1/2 | podPhase | 6 | <unknown>" },
        { "test2: a waiting reason overwrites the phase", Pod("test2", 2, "podPhase", [Running(ready: true, restarts: 3), Waiting("ContainerWaitingReason", restarts: 3)]), "test2 | 1/2 | ContainerWaitingReason | 6 | <unknown>" },
        { "test3: the first container's reason wins", Pod("test3", 2, "podPhase", [Waiting("ContainerWaitingReason", restarts: 3), Terminated("ContainerTerminatedReason", restarts: 3)]), "test3 | 0/2 | ContainerWaitingReason | 6 | <unknown>" },
        { "test4: ready without running is not ready", Pod("test4", 2, "podPhase", [Running(ready: true, restarts: 3), NoState(ready: true, restarts: 3)]), "test4 | 1/2 | podPhase | 6 | <unknown>" },
        { "test5: status.reason replaces the phase", Pod("test5", 2, "podPhase", [Running(ready: true, restarts: 3), NoState(ready: true, restarts: 3)], reason: "podReason"), "test5 | 1/2 | podReason | 6 | <unknown>" },
        { "test6: Completed next to running without Ready is NotReady", Pod("test6", 2, "Running", [Terminated("Completed", ready: true, restarts: 3), Running(ready: true, restarts: 3)]), "test6 | 1/2 | NotReady | 6 | <unknown>" },
        { "test6: Completed next to running with Ready is Running", Pod("test6", 2, "Running", [Terminated("Completed", ready: true, restarts: 3), Running(ready: true, restarts: 3)], conditions: [Condition("Ready", "True")]), "test6 | 1/2 | Running | 6 | <unknown>" },
        { "test7: restarting init container", Pod("test7", 1, "podPhase", [Waiting()], [Container()], [Running(restarts: 3, lastExitAgo: S10)]), "test7 | 0/1 | Init:0/1 | 3 (10s ago) | <unknown>" },
        { "test8: first of two init containers restarting", Pod("test8", 1, "podPhase", [Waiting()], [Container(), Container()], [Running(restarts: 3, lastExitAgo: S10), Waiting()]), "test8 | 0/1 | Init:0/2 | 3 (10s ago) | <unknown>" },
        { "test9: second init container restarting", Pod("test9", 1, "podPhase", [Waiting()], [Container(), Container()], [Terminated(), Running(restarts: 3, lastExitAgo: S10)]), "test9 | 0/1 | Init:1/2 | 3 (10s ago) | <unknown>" },
        { "test10: init restarts add up, latest exit shown", Pod("test10", 1, "podPhase", [Waiting()], [Container(), Container()], [Terminated(restarts: 2, lastExitAgo: M2), Running(restarts: 3, lastExitAgo: S10)]), "test10 | 0/1 | Init:1/2 | 5 (10s ago) | <unknown>" },
        { "test11: after init only regular restarts count", Pod("test11", 1, "Running", [Running(restarts: 4, lastExitAgo: S20)], [Container()], [Terminated(restarts: 2, lastExitAgo: M2)]), "test11 | 0/1 | Running | 4 (20s ago) | <unknown>" },
        { "test12: restart 5d ago", Pod("test12", 1, "Running", [Running(ready: true, restarts: 3, lastExitAgo: TimeSpan.FromDays(5))]), "test12 | 1/1 | Running | 3 (5d ago) | <unknown>" },
        { "test13: one container never restarted", Pod("test13", 2, "Running", [Running(ready: true), Running(ready: true, restarts: 3, lastExitAgo: TimeSpan.FromDays(10))]), "test13 | 2/2 | Running | 3 (10d ago) | <unknown>" },
        { "test14: the most recent restart is shown", Pod("test14", 2, "Running", [Running(ready: true, restarts: 6, lastExitAgo: TimeSpan.FromDays(5)), Running(ready: true, restarts: 3, lastExitAgo: TimeSpan.FromDays(20))]), "test14 | 2/2 | Running | 9 (5d ago) | <unknown>" },
        { "test15: scheduling gated", Pod("test15", 2, "podPhase", conditions: [Condition("PodScheduled", "False", "SchedulingGated")]), "test15 | 0/2 | SchedulingGated | 0 | <unknown>" },
        { "test16: succeeded", Pod("test16", 1, "Succeeded", [Terminated("Completed")]), "test16 | 0/1 | Completed | 0 | <unknown>" },
        { "test17: failed", Pod("test17", 1, "Failed", [Terminated("Error", 1)]), "test17 | 0/1 | Error | 0 | <unknown>" },
        { "test18: a deleted succeeded pod keeps its reason", Pod("test18", 1, "Succeeded", [Terminated("Completed")], deletedAt: DeletedAt), "test18 | 0/1 | Completed | 0 | <unknown>" },
        { "test19: a deleted running pod is Terminating", Pod("test19", 1, "Running", [Running()], deletedAt: DeletedAt), "test19 | 0/1 | Terminating | 0 | <unknown>" },
        { "test20: a deleted pending pod is Terminating", Pod("test20", 1, "Pending", deletedAt: DeletedAt), "test20 | 0/1 | Terminating | 0 | <unknown>" },
    };

    public static TheoryData<string, V1Pod, string> SidecarCases => new()
    {
        { "test1: first sidecar running but not started", Pod("test1", 1, "Pending", [Waiting()], [Sidecar("s1"), Sidecar("s2")], [Running(restarts: 3, lastExitAgo: S10, started: false, name: "s1"), Waiting(started: false, name: "s2")], [Condition("Initialized", "False")]), "test1 | 0/3 | Init:0/2 | 3 (10s ago) | <unknown>" },
        { "test1: second sidecar running but not started", Pod("test1", 1, "Pending", [Waiting()], [Sidecar("s1"), Sidecar("s2")], [Running(restarts: 3, lastExitAgo: S10, started: true, name: "s1"), Running(started: false, name: "s2")], [Condition("Initialized", "False")]), "test1 | 0/3 | Init:1/2 | 3 (10s ago) | <unknown>" },
        { "test2: sidecar restarts stay in RESTARTS", Pod("test2", 1, "Running", [Running(ready: true, restarts: 4, lastExitAgo: S20)], [Sidecar("s1"), Sidecar("s2")], [Running(restarts: 3, lastExitAgo: S10, started: true, name: "s1"), Running(started: true, name: "s2")], [Condition("Initialized", "True")]), "test2 | 1/3 | Running | 7 (10s ago) | <unknown>" },
        { "test3: failed sidecars after initialization", Pod("test3", 1, "Succeeded", [Terminated("Completed", restarts: 4, lastExitAgo: S20)], [Sidecar("s1"), Sidecar("s2")], [Terminated("Error", 137, restarts: 3, lastExitAgo: S10, started: false, name: "s1"), Terminated("Error", 137, started: false, name: "s2")], [Condition("Initialized", "True")]), "test3 | 0/3 | Completed | 7 (10s ago) | <unknown>" },
        { "ready started sidecars count in READY", Pod("p", 1, "Running", [Running(ready: true)], [Sidecar("s1")], [Running(ready: true, started: true, name: "s1")], [Condition("Initialized", "True")]), "p | 2/2 | Running | 0 | <unknown>" },
    };

    public static TheoryData<string, V1Pod, string> ReasonCases => new()
    {
        { "init container waiting reason", Pod("p", 1, "Pending", [Waiting("PodInitializing")], [Container()], [Waiting("CrashLoopBackOff", restarts: 2)]), "Init:CrashLoopBackOff" },
        { "PodInitializing is not an init reason", Pod("p", 1, "Pending", [Waiting("PodInitializing")], [Container()], [Waiting("PodInitializing")]), "Init:0/1" },
        { "init container terminated with a reason", Pod("p", 1, "Pending", [Waiting()], [Container()], [Terminated("Error", 1)]), "Init:Error" },
        { "init container killed by a signal", Pod("p", 1, "Pending", [Waiting()], [Container()], [Terminated(exitCode: 137, signal: 9)]), "Init:Signal:9" },
        { "init container exit code without reason", Pod("p", 1, "Pending", [Waiting()], [Container()], [Terminated(exitCode: 2)]), "Init:ExitCode:2" },
        { "container killed by a signal", Pod("p", 1, "Running", [Terminated(exitCode: 143, signal: 15)]), "Signal:15" },
        { "container exit code without reason", Pod("p", 1, "Running", [Terminated(exitCode: 3)]), "ExitCode:3" },
        { "crash looping container", Pod("p", 1, "Running", [Waiting("CrashLoopBackOff", restarts: 4)]), "CrashLoopBackOff" },
        { "waiting without image", Pod("p", 1, "Pending", [Waiting("ContainerCreating")]), "ContainerCreating" },
        { "evicted pod shows status.reason", Pod("p", 1, "Failed", reason: "Evicted"), "Evicted" },
        { "deleted pod on a lost node is Unknown", Pod("p", 1, "Running", [Running(ready: true)], reason: "NodeLost", deletedAt: DeletedAt), "Unknown" },
        { "NodeLost without deletion stays NodeLost", Pod("p", 1, "Running", [Running(ready: true)], reason: "NodeLost"), "NodeLost" },
        { "deleted failed pod keeps its status", Pod("p", 1, "Failed", [Terminated("Error", 137)], deletedAt: DeletedAt), "Error" },
    };

    [Theory]
    [MemberData(nameof(PrintPodCases))]
    [MemberData(nameof(SidecarCases))]
    public void PrintsTheColumnsLikeKubeApiserver(string _, V1Pod pod, string expected)
    {
        var row = PodColumns.From(pod, Now);
        Assert.Equal(expected, string.Join(" | ", row.Cells(wide: false)));
    }

    [Theory]
    [MemberData(nameof(ReasonCases))]
    public void StatusFollowsKubectlPrecedence(string _, V1Pod pod, string expected)
    {
        Assert.Equal(expected, PodColumns.From(pod, Now).Status);
    }
}
