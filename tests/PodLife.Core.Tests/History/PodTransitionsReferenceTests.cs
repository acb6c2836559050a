using k8s.Models;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.Core.Tests.History;

/// <summary>The loop form of the transitions gives exactly the entries, in exactly the order, of the LINQ form it replaced.</summary>
public class PodTransitionsReferenceTests
{
    static DateTime At(double seconds) => TestTimes.T0.AddSeconds(seconds);

    static V1Pod Pod(Action<PodBuilder> shape, params (string Type, string Status, string? Reason, double At)[] conditions)
    {
        var b = new PodBuilder().WithInitContainers("init").WithContainers("app", "log").OnNode("node-1");
        shape(b);
        var pod = b.Build();
        foreach (var (type, status, reason, at) in conditions)
            (pod.Status.Conditions ??= []).Add(new V1PodCondition { Type = type, Status = status, Reason = reason, LastTransitionTime = At(at) });
        return pod;
    }

    static IReadOnlyList<V1Pod> Pods() =>
    [
        new PodBuilder().WithContainers("app").Build(),
        new PodBuilder().WithContainers("app").WithoutStatus().Build(),
        Pod(b => b.WithStatuses(new ContainerStatusBuilder("app").Waiting("ContainerCreating"), new ContainerStatusBuilder("log").NoState()),
            ("PodScheduled", "True", null, 0)),
        Pod(b => b.WithInitStatuses(new ContainerStatusBuilder("init").Running(At(1)))
                .WithStatuses(new ContainerStatusBuilder("app").Waiting("PodInitializing"), new ContainerStatusBuilder("log").Waiting("PodInitializing")),
            ("PodScheduled", "True", null, 0), ("Initialized", "False", "ContainersNotInitialized", 0.5)),
        Pod(b => b.WithPhase("Running").WithInitStatuses(new ContainerStatusBuilder("init").Terminated(0, "Completed"))
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(3)), new ContainerStatusBuilder("log").Running(At(2.5))),
            ("PodScheduled", "True", null, 0), ("Initialized", "True", null, 2), ("Ready", "False", "ContainersNotReady", 2)),
        Pod(b => b.WithPhase("Running").WithInitStatuses(new ContainerStatusBuilder("init").Terminated(0, "Completed"))
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(3)).Ready(), new ContainerStatusBuilder("log").Running(At(2.5)).Ready()),
            ("PodScheduled", "True", null, 0), ("Initialized", "True", null, 2), ("Ready", "True", null, 4)),
        Pod(b => b.WithPhase("Running").WithInitStatuses(new ContainerStatusBuilder("init").Terminated(0, "Completed"))
                .WithStatuses(new ContainerStatusBuilder("app").Waiting("CrashLoopBackOff", "back-off 10s").LastTerminated(1, "Error").Restarts(1),
                    new ContainerStatusBuilder("log").Running(At(2.5)).Ready()),
            ("PodScheduled", "True", null, 0), ("Initialized", "True", null, 2), ("Ready", "False", "ContainersNotReady", 6)),
        Pod(b => b.WithPhase("Running").WithInitStatuses(new ContainerStatusBuilder("init").Terminated(0, "Completed"))
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(9)).LastTerminated(2, "Error").Restarts(3),
                    new ContainerStatusBuilder("log").Terminated(137, "OOMKilled").Ready()),
            ("PodScheduled", "True", null, 0), ("Initialized", "True", null, 2), ("Ready", "False", "ContainersNotReady", 6)),
        Pod(b => b.WithPhase("Failed").WithStatusReason("Evicted", "low on memory").WithInitStatuses(new ContainerStatusBuilder("init").Terminated(0, "Completed"))
                .WithStatuses(new ContainerStatusBuilder("app").Terminated(1, "Error").Restarts(3), new ContainerStatusBuilder("log").Terminated(0, "Completed")),
            ("PodScheduled", "True", null, 0), ("Initialized", "True", null, 2), ("Ready", "False", "PodFailed", 10)),
        Pod(b => b.WithPhase("Succeeded").WithStatuses(new ContainerStatusBuilder("app").Terminated(0, "Completed"), new ContainerStatusBuilder("log").Terminated(0)),
            ("PodScheduled", "False", "Unschedulable", 0.25), ("Ready", "False", "PodCompleted", 11)),
    ];

    [Fact]
    public void EveryPairOfPodVersionsGivesTheSameEntriesAsTheLinqForm()
    {
        var pods = Pods();
        var compared = 0;
        foreach (var written in new[] { At(0.4), At(2.7), At(9.5), At(60) })
        {
            var now = new DateTimeOffset(written);
            foreach (var pod in pods)
            {
                Assert.Equal(ReferencePodTransitions.Between(null, pod, now), PodTransitions.Between(null, pod, now));
                foreach (var old in pods)
                {
                    var expected = ReferencePodTransitions.Between(old, pod, now);
                    Assert.Equal(expected, PodTransitions.Between(old, pod, now));
                    compared += expected.Count;
                }
            }
        }
        Assert.True(compared > 500, $"only {compared} entries compared");
    }

    [Fact]
    public void TheSortKeepsTheOrderOfEqualTimes()
    {
        var t = new DateTimeOffset(TestTimes.T0);
        var entries = new List<TimelineEntry>
        {
            new(t.AddSeconds(2), "Phase", "", "Running"), new(t, "Condition", "A", "True"), new(t.AddSeconds(2), "Condition", "B", "True"),
            new(t, "Container", "c", "Running"), new(t.AddSeconds(1), "Container", "d", "Running"),
        };
        var expected = entries.OrderBy(e => e.Time).ToList();
        PodTransitions.SortByTime(entries);
        Assert.Equal(expected, entries);
    }
}
