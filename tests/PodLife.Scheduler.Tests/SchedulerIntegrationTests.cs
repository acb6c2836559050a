using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.Service;
using PodLife.Scheduler.Tests.Fakes;
using PodLife.Testing;
using static PodLife.Scheduler.Tests.Objects;

namespace PodLife.Scheduler.Tests;

// The scheduler against the real API server in-process (list/watch, pods/binding, pods/status, events.k8s.io/v1, Leases).
public sealed class SchedulerIntegrationTests : IAsyncLifetime
{
    ApiServerFixture _server = null!;
    readonly CancellationTokenSource _stop = new();
    readonly List<SchedulerService> _schedulers = [];

    public async ValueTask InitializeAsync() => _server = await ApiServerFixture.StartAsync();

    SchedulerService Start(string identity, bool leaderElection = true)
    {
        var options = new SchedulerOptions
        {
            Seed = identity[0],
            LeaderElection = new() { LeaseName = "kube-scheduler", Identity = identity, Enabled = leaderElection },
        };
        var scheduler = new SchedulerService(new KubernetesClusterApi(_server.Client), options, _server.Clock, NullLoggerFactory.Instance);
        _schedulers.Add(scheduler);
        scheduler.StartAsync(_stop.Token);
        return scheduler;
    }

    async Task CreateNodeAsync(V1Node node)
    {
        var ct = TestContext.Current.CancellationToken;
        var status = node.Status;
        var created = await _server.Client.CoreV1.CreateNodeAsync(node, cancellationToken: ct);
        created.Status = status;
        await _server.Client.CoreV1.ReplaceNodeStatusAsync(created, created.Metadata.Name, cancellationToken: ct);
    }

    async Task<V1Pod> ReadPodAsync(string name) =>
        await _server.Client.CoreV1.ReadNamespacedPodAsync(name, "default", cancellationToken: TestContext.Current.CancellationToken);

    static V1Pod NewPod(string name, string? cpu = null)
    {
        var pod = Pod(name, cpu);
        pod.Metadata.Uid = null;
        pod.Status = null;
        return pod;
    }

    async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(what);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    // One 1-cpu node, a 500m pod bound to it and a 2-cpu pod the scheduler has refused (its PodScheduled condition set).
    async Task StartWithAPodBoundAndOneTooBigAsync(string bound)
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateNodeAsync(Node("node-1", "1"));
        await _server.Client.CoreV1.CreateNamespacedPodAsync(NewPod(bound, "500m"), "default", cancellationToken: ct);
        await _server.Client.CoreV1.CreateNamespacedPodAsync(NewPod("too-big", "2"), "default", cancellationToken: ct);
        Start("only");
        await WaitAsync(async () => (await ReadPodAsync(bound)).Spec.NodeName == "node-1", $"{bound} bound");
        await WaitAsync(async () => (await ReadPodAsync("too-big")).Status?.Conditions?.Any(c => c.Type == "PodScheduled") == true, "too-big condition");
    }

    [Fact]
    public async Task PodsAreBoundOrToldWhyWithKubeSchedulersTextAndEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartWithAPodBoundAndOneTooBigAsync("my-app");
        var condition = (await ReadPodAsync("too-big")).Status.Conditions.Single(c => c.Type == "PodScheduled");
        const string message = "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
        Assert.Equal(("False", "Unschedulable", message), (condition.Status, condition.Reason, condition.Message));

        // The event is written just after the condition (best effort, as kube-scheduler does): wait for it.
        await WaitAsync(async () => (await _server.Client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: ct)).Items.Any(e => e.Reason == "FailedScheduling"), "FailedScheduling event");
        var events = (await _server.Client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: ct)).Items;
        Assert.Contains(events, e => e.Reason == "Scheduled" && e.Message == "Successfully assigned default/my-app to node-1" && e.InvolvedObject.Name == "my-app");
        Assert.Contains(events, e => e.Reason == "FailedScheduling" && e.Message == message && e.Type == "Warning");

        // A node with room appears: the parked pod is retried after its back-off and lands there.
        await CreateNodeAsync(Node("node-2", "4"));
        await WaitAsync(async () =>
        {
            _server.Clock.Advance(TimeSpan.FromMilliseconds(200));
            return (await ReadPodAsync("too-big")).Spec.NodeName == "node-2";
        }, "too-big bound to node-2");
    }

    [Fact]
    public async Task ABoundPodRemovedWhileAnotherWaitsForRoomLeavesTheSchedulerBindingNewPods()
    {
        var ct = TestContext.Current.CancellationToken;
        await StartWithAPodBoundAndOneTooBigAsync("first");

        // The bound pod goes at once (as a Failed pod's delete, or a forced one): its room is free, so the parked
        // pod is tried again and still does not fit; a new pod that does must be bound all the same.
        await _server.Client.CoreV1.DeleteNamespacedPodAsync("first", "default", new V1DeleteOptions { GracePeriodSeconds = 0 }, cancellationToken: ct);
        await _server.Client.CoreV1.CreateNamespacedPodAsync(NewPod("second", "500m"), "default", cancellationToken: ct);
        await WaitAsync(async () =>
        {
            _server.Clock.Advance(TimeSpan.FromMilliseconds(200));
            return (await ReadPodAsync("second")).Spec.NodeName == "node-1";
        }, "second bound");
    }

    [Fact]
    public async Task TwoSchedulersShareOneLeaseAndEveryPodIsBoundOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await CreateNodeAsync(Node("node-1"));
        await CreateNodeAsync(Node("node-2"));
        var a = Start("a");
        var b = Start("b");
        for (var i = 0; i < 10; i++)
            await _server.Client.CoreV1.CreateNamespacedPodAsync(NewPod($"p{i}"), "default", cancellationToken: ct);

        await WaitAsync(async () => (await _server.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct)).Items.All(p => p.Spec.NodeName is not null), "all bound");

        Assert.True(a.Elector.IsLeader ^ b.Elector.IsLeader);
        var lease = await _server.Client.CoordinationV1.ReadNamespacedLeaseAsync("kube-scheduler", "kube-system", cancellationToken: ct);
        Assert.Equal(a.Elector.IsLeader ? "a" : "b", lease.Spec.HolderIdentity);
        // Events are written in the background after each binding: wait for all ten, then for any (wrong) extra.
        await WaitAsync(async () => (await ScheduledEventsAsync()).Count >= 10, "ten Scheduled events");
        await Task.Delay(500, ct);
        var scheduled = await ScheduledEventsAsync();
        Assert.Equal(10, scheduled.Count);
        Assert.Equal(10, scheduled.Select(e => e.InvolvedObject.Name).Distinct().Count());
    }

    [Fact]
    public async Task TwoSchedulersBothActingRaceForEveryPodAndTheServerLetsOnlyOneBindingThrough()
    {
        var ct = TestContext.Current.CancellationToken;
        // Different seeds make the two pick different nodes for the same pod, so a lost race is a real conflict
        // (409 from pods/binding), not an identical binding.
        for (var n = 0; n < 4; n++)
            await CreateNodeAsync(Node($"node-{n}"));
        Start("a", leaderElection: false);
        Start("b", leaderElection: false);
        for (var i = 0; i < 40; i++)
            await _server.Client.CoreV1.CreateNamespacedPodAsync(NewPod($"p{i}"), "default", cancellationToken: ct);

        await WaitAsync(async () => (await _server.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct)).Items.All(p => p.Spec.NodeName is not null), "all bound");
        // Events are written in the background: wait for all, then give a losing scheduler time to (wrongly) report
        // its own binding before counting.
        await WaitAsync(async () => (await ScheduledEventsAsync()).Count >= 40, "40 Scheduled events");
        await Task.Delay(500, ct);

        var scheduled = await ScheduledEventsAsync();
        var pods = (await _server.Client.CoreV1.ListNamespacedPodAsync("default", cancellationToken: ct)).Items;
        Assert.Equal(40, scheduled.Count);
        // Each pod's one Scheduled event names the node the server actually bound it to.
        foreach (var pod in pods)
        {
            var only = Assert.Single(scheduled, e => e.InvolvedObject.Name == pod.Metadata.Name);
            Assert.Equal($"Successfully assigned default/{pod.Metadata.Name} to {pod.Spec.NodeName}", only.Message);
        }
    }

    async Task<List<Corev1Event>> ScheduledEventsAsync() =>
        [.. (await _server.Client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: TestContext.Current.CancellationToken)).Items.Where(e => e.Reason == "Scheduled")];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var s in _schedulers)
        {
            try { await s.StopAsync(CancellationToken.None); } catch (OperationCanceledException) { }
        }
        await _server.DisposeAsync();
    }
}
