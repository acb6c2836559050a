using PodLife.Scheduler.Queue;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// Behaviour of pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue) with its default durations.
public class SchedulingQueueTests
{
    static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 10)]
    [InlineData(30, 10)]
    public void BackoffDoublesFromOneSecondUpToTen(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Duration(attempts));

    [Fact]
    public void HigherPriorityPopsFirstThenTheOlderPod()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("old"), T0);
        queue.Add(Pod("new"), T0.AddSeconds(1));
        var urgent = Pod("urgent");
        urgent.Spec.Priority = 1000;
        queue.Add(urgent, T0.AddSeconds(2));

        Assert.Equal(["urgent", "old", "new"], Drain(queue, T0.AddSeconds(3)));
    }

    [Fact]
    public void AnUnschedulablePodWaitsForAClusterEventThenForItsBackoff()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("p"), T0);
        var popped = queue.Pop(T0)!;
        queue.Unschedulable(popped, T0);

        Assert.Null(queue.Pop(T0.AddSeconds(30)));
        Assert.Equal(1, queue.UnschedulableCount);

        // A node appears 0.5s after the failure: still inside the 1s back-off, so it waits in backoffQ.
        queue.MoveAllToActiveOrBackoff(T0.AddMilliseconds(500));
        Assert.Equal(1, queue.BackoffCount);
        Assert.Equal(T0.AddSeconds(1), queue.NextWakeUp());
        Assert.Null(queue.Pop(T0.AddMilliseconds(900)));
        Assert.Equal("p", queue.Pop(T0.AddSeconds(1))!.Pod.Name);
    }

    [Fact]
    public void AnEventDuringTheCycleSendsTheFailedPodToBackoffInsteadOfParkingIt()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("p"), T0);
        var popped = queue.Pop(T0)!;
        queue.MoveAllToActiveOrBackoff(T0);
        queue.Unschedulable(popped, T0);

        Assert.Equal(1, queue.BackoffCount);
        Assert.Equal("p", queue.Pop(T0.AddSeconds(1))!.Pod.Name);
    }

    [Fact]
    public void ParkedPodsAreRetriedAfterFiveMinutesEvenWithoutEvents()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("p"), T0);
        queue.Unschedulable(queue.Pop(T0)!, T0);

        Assert.Equal(T0.AddMinutes(5), queue.NextWakeUp());
        Assert.Null(queue.Pop(T0.AddMinutes(5)));
        Assert.NotNull(queue.Pop(T0.AddMinutes(5).AddSeconds(1)));
    }

    [Fact]
    public void ErrorsRetryAfterAGrowingBackoff()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("p"), T0);
        var now = T0;
        foreach (var wait in new[] { 1, 2, 4, 8, 10, 10 })
        {
            var popped = queue.Pop(now)!;
            queue.Retry(popped, now);
            Assert.Null(queue.Pop(now.AddSeconds(wait).AddMilliseconds(-1)));
            now = now.AddSeconds(wait);
        }
        Assert.NotNull(queue.Pop(now));
    }

    [Fact]
    public void GatedPodsWaitUntilTheirLastGateIsRemoved()
    {
        var queue = new SchedulingQueue();
        var pod = Pod("gated");
        pod.Spec.SchedulingGates = [new() { Name = "example.com/a" }, new() { Name = "example.com/b" }];
        queue.Add(pod, T0);
        Assert.Equal(1, queue.GatedCount);
        Assert.Null(queue.Pop(T0));

        pod.Spec.SchedulingGates = [new() { Name = "example.com/b" }];
        queue.Update(pod, T0);
        Assert.Null(queue.Pop(T0));

        pod.Spec.SchedulingGates = [];
        queue.Update(pod, T0);
        Assert.Equal("gated", queue.Pop(T0)!.Pod.Name);
    }

    [Fact]
    public void AnUpdateToAQueuedPodTakesEffectAndDeletedPodsNeverPop()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("a"), T0);
        queue.Add(Pod("b"), T0.AddSeconds(1));
        var b = Pod("b");
        b.Spec.Priority = 5;
        queue.Update(b, T0.AddSeconds(2));
        queue.Add(Pod("c"), T0.AddSeconds(3));
        queue.Delete("default/c");

        Assert.Equal(["b", "a"], Drain(queue, T0.AddSeconds(4)));
    }

    [Fact]
    public void AStaleResultForAPodDeletedMidCycleIsIgnored()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("p"), T0);
        var popped = queue.Pop(T0)!;
        queue.Delete("default/p");

        queue.Unschedulable(popped, T0);

        Assert.False(queue.Contains("default/p"));
        Assert.Null(queue.NextWakeUp());
    }

    [Fact]
    public void AWakeUpIsNotAskedForAPodThatLeftBackoff()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("gone"), T0);
        queue.Retry(queue.Pop(T0)!, T0); // back-off until T0 + 1 s
        queue.Add(Pod("later"), T0);
        var later = queue.Pop(T0)!;
        queue.Retry(later, T0.AddSeconds(5)); // back-off until T0 + 6 s

        queue.Delete("default/gone");

        Assert.Equal(T0.AddSeconds(6), queue.NextWakeUp());
    }

    [Fact]
    public void TheWakeUpIsTheEarlierOfTheNextBackoffExpiryAndTheNextParkedPodsFlush()
    {
        var queue = new SchedulingQueue();
        queue.Add(Pod("parked"), T0);
        queue.Unschedulable(queue.Pop(T0)!, T0); // retried at T0 + 5 min
        queue.Add(Pod("erring"), T0);
        queue.Retry(queue.Pop(T0)!, T0.AddMinutes(6)); // back-off until T0 + 6 min + 1 s

        Assert.Equal(T0.AddMinutes(5), queue.NextWakeUp());
    }

    [Fact]
    public void AQueueThatThousandsOfPodsPassedThroughStillAnswersExactly()
    {
        // The tables shrink once mostly empty (walking a table that once held a burst cost as much as a full one).
        var queue = new SchedulingQueue();
        for (var i = 0; i < 5_000; i++) queue.Add(Pod($"p{i}"), T0);
        for (var i = 0; i < 5_000; i++) queue.Done(queue.Pop(T0)!.Pod.Key);
        queue.Add(Pod("last"), T0);
        queue.Retry(queue.Pop(T0)!, T0);

        Assert.Equal(1, queue.BackoffCount);
        Assert.Equal(0, queue.ActiveCount);
        Assert.Equal(T0.AddSeconds(1), queue.NextWakeUp());
        Assert.Equal("last", queue.Pop(T0.AddSeconds(1))!.Pod.Name);
    }

    static List<string> Drain(SchedulingQueue queue, DateTimeOffset now)
    {
        var names = new List<string>();
        while (queue.Pop(now) is { } popped)
            names.Add(popped.Pod.Name);
        return names;
    }
}
