using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PodLife.Scheduler.Service;
using PodLife.Scheduler.Tests.Fakes;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// The shell against an in-memory API: binding, status and events as kube-scheduler writes them (schedule_one.go).
public sealed class SchedulerServiceTests : IAsyncDisposable
{
    readonly FakeClusterApi _api = new();
    readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    readonly List<SchedulerService> _services = [];
    readonly CancellationTokenSource _stop = new();

    SchedulerService Start(bool leaderElection = true, string identity = "a")
    {
        var options = new SchedulerOptions
        {
            Seed = 1,
            LeaderElection = new() { LeaseName = "kube-scheduler", Identity = identity, Enabled = leaderElection },
        };
        var service = new SchedulerService(_api, options, _time, NullLoggerFactory.Instance);
        _services.Add(service);
        service.StartAsync(_stop.Token);
        return service;
    }

    V1Pod? Stored(string name) => _api.Get<V1Pod>("default", name);

    [Fact]
    public async Task APendingPodIsBoundAndGetsTheScheduledEvent()
    {
        _api.Put(Node("node-1", "1"));
        _api.Put(Node("node-2", "8"));
        _api.Put(Pod("my-app", "2"));
        Start();

        await Eventually.True(() => Stored("my-app")?.Spec.NodeName is not null, "pod bound");

        Assert.Equal("node-2", Stored("my-app")!.Spec.NodeName);
        await Eventually.True(() => _api.Events.Count == 1, "Scheduled event");
        var ev = _api.Events.Single();
        Assert.Equal(("Normal", "Scheduled", "Binding", "Successfully assigned default/my-app to node-2"), (ev.Type, ev.Reason, ev.Action, ev.Note));
        Assert.Equal("default-scheduler", ev.ReportingController);
        Assert.Equal(("Pod", "my-app", "uid-my-app"), (ev.Regarding.Kind, ev.Regarding.Name, ev.Regarding.Uid));
    }

    [Fact]
    public async Task AnIdleSchedulerSleepsUntilSomethingHappens()
    {
        _api.Put(Node("node-1", "1"));
        var service = Start();
        await Eventually.True(() => service.Elector.IsLeader && service.Waits > 0, "leading and idle");

        await Task.Delay(300, TestContext.Current.CancellationToken); // real time: a spinning loop would wait thousands of times
        Assert.InRange(service.Waits, 1, 3);

        _api.Put(Pod("p", "100m"));
        await Eventually.True(() => Stored("p")?.Spec.NodeName == "node-1", "woken up by the new pod");
    }

    [Fact]
    public async Task AHigherPriorityPodPreemptsAVictimAndLandsWhenTheVictimIsGone()
    {
        _api.Put(Node("node-1", "2"));
        var low = Pod("low", "2", node: "node-1");
        low.Spec.Priority = 0;
        _api.Put(low);
        var important = Pod("important", "2");
        important.Spec.Priority = 1000;
        _api.Put(important);
        Start();

        // The victim gets the DisruptionTarget condition and a graceful delete (it stays until its node confirms).
        await Eventually.True(() => Stored("low")?.Metadata.DeletionTimestamp is not null, "victim deleted gracefully");
        var disruption = Stored("low")!.Status.Conditions.Single(c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "PreemptionByScheduler", "default-scheduler: preempting to accommodate a higher priority pod"),
            (disruption.Status, disruption.Reason, disruption.Message));
        await Eventually.True(() => Stored("important")?.Status.NominatedNodeName == "node-1", "preemptor nominated");
        await Eventually.True(() => _api.Events.Any(e => e.Reason == "Preempted"), "Preempted event");
        var preempted = _api.Events.Single(e => e.Reason == "Preempted");
        Assert.Equal(("Normal", "Preempting", "Preempted by pod uid-important on node node-1", "low", "important"),
            (preempted.Type, preempted.Action, preempted.Note, preempted.Regarding.Name, preempted.Related.Name));

        _api.Remove<V1Pod>("default", "low"); // the node confirmed the termination
        await Eventually.True(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            return Stored("important")?.Spec.NodeName == "node-1";
        }, "preemptor bound");
    }

    [Fact]
    public async Task AnUnschedulablePodIsToldWhyAndLandsAsSoonAsAFittingNodeAppears()
    {
        _api.Put(Node("node-1", "1"));
        _api.Put(Pod("big", "2"));
        Start();

        await Eventually.True(() => Stored("big")?.Status.Conditions?.Any(c => c.Type == "PodScheduled") == true, "condition written");
        var condition = Stored("big")!.Status.Conditions.Single(c => c.Type == "PodScheduled");
        const string message = "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
        Assert.Equal(("False", "Unschedulable", message), (condition.Status, condition.Reason, condition.Message));
        await Eventually.True(() => _api.Events.Count == 1, "FailedScheduling event");
        Assert.Equal(("Warning", "FailedScheduling", message), (_api.Events[0].Type, _api.Events[0].Reason, _api.Events[0].Note));

        _api.Put(Node("node-2", "4"));
        // The new node arrives within the 1s back-off of the failed attempt: the pod waits it out on the fake clock.
        await Eventually.True(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            return Stored("big")?.Spec.NodeName == "node-2";
        }, "bound after the node appeared");
        Assert.InRange(_time.GetUtcNow() - new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        Assert.Equal(1, _api.Events.Count(e => e.Reason == "FailedScheduling"));
    }

    [Fact]
    public async Task PodsForAnotherSchedulerAreLeftAlone()
    {
        _api.Put(Node("node-1"));
        var other = Pod("other");
        other.Spec.SchedulerName = "my-scheduler";
        _api.Put(other);
        _api.Put(Pod("mine"));
        Start();

        await Eventually.True(() => Stored("mine")?.Spec.NodeName is not null, "own pod bound");
        Assert.Null(Stored("other")!.Spec.NodeName);
        Assert.Equal(1, _api.BindCalls);
    }

    [Fact]
    public async Task AGatedPodWaitsUntilItsGatesAreRemoved()
    {
        _api.Put(Node("node-1"));
        var gated = Pod("gated");
        gated.Spec.SchedulingGates = [new V1PodSchedulingGate { Name = "example.com/wait" }];
        _api.Put(gated);
        _api.Put(Pod("marker"));
        Start();
        await Eventually.True(() => Stored("marker")?.Spec.NodeName is not null, "other pod bound");
        Assert.Null(Stored("gated")!.Spec.NodeName);

        var ungated = Stored("gated")!;
        ungated.Spec.SchedulingGates = [];
        _api.Put(ungated);

        await Eventually.True(() => Stored("gated")?.Spec.NodeName is not null, "gated pod bound after the gate went");
    }

    [Fact]
    public async Task OfTwoReplicasOnlyTheLeaderBinds()
    {
        _api.Put(Node("node-1"));
        var first = Start(identity: "first");
        await Eventually.True(() => first.Elector.IsLeader, "first leads");
        var second = Start(identity: "second");
        await second.Elector.TryAcquireOrRenewAsync(TestContext.Current.CancellationToken);

        for (var i = 0; i < 20; i++)
            _api.Put(Pod($"p{i}"));

        await Eventually.True(() => _api.All<V1Pod>().All(p => p.Spec.NodeName is not null), "all bound");
        Assert.True(first.Elector.IsLeader);
        Assert.False(second.Elector.IsLeader);
        Assert.Equal("first", _api.Get<V1Lease>("kube-system", "kube-scheduler")!.Spec.HolderIdentity);
        Assert.Equal(20, _api.BindCalls);
    }

    [Fact]
    public async Task TwoSchedulersActingAtOnceNeverDoubleBind()
    {
        for (var n = 0; n < 3; n++)
            _api.Put(Node($"node-{n}"));
        Start(leaderElection: false, identity: "x");
        Start(leaderElection: false, identity: "y");

        for (var i = 0; i < 60; i++)
            _api.Put(Pod($"p{i}"));

        await Eventually.True(() => _api.All<V1Pod>().All(p => p.Spec.NodeName is not null), "all bound");
        Assert.Equal(60, _api.Bindings.Count);
        Assert.Equal(60, _api.Bindings.Select(b => b.Pod).Distinct().Count());
    }

    [Fact]
    public async Task AStatusUpdateOfAnUnlabeledPendingPodDoesNotBreakThePodWatch()
    {
        // Comparing the labels of two versions of an unlabeled pod once threw, so the pod informer fell into its
        // retry delay (which never ends on this fake clock) and missed every later pod.
        _api.Put(Node("node-1", "1"));
        _api.Put(Pod("too-big", "4")); // no labels, and it stays pending
        Start();
        await Eventually.True(() => Stored("too-big")?.Status.Conditions?.Any(c => c.Reason == "Unschedulable") == true, "too-big unschedulable");
        var updated = Stored("too-big")!;
        updated.Status.Message = "status changed";
        _api.Put(updated);

        _api.Put(Pod("fits", "1"));

        await Eventually.True(() => Stored("fits")?.Spec.NodeName == "node-1", "the pod created after the status update is bound");
    }

        public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var service in _services)
        {
            try { await service.StopAsync(CancellationToken.None); } catch (OperationCanceledException) { }
        }
        _stop.Dispose();
    }
}
