using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PodLife.Controllers.Service;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;
using PodLife.Scheduler.Service;
using PodLife.Scheduler.Tests.Fakes;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// The controller shell writing its passes to an in-memory API; passes are driven with explicit times.
public sealed class NodeLifecycleControllerTests : IAsyncDisposable
{
    readonly FakeClusterApi _api = new();
    readonly FakeTimeProvider _time = new(T0);
    readonly CancellationTokenSource _stop = new();
    NodeLifecycleController? _controller;

    async Task<NodeLifecycleController> StartAsync()
    {
        // The elector is never run, so the background loop stays idle and the test drives every pass.
        var elector = new LeaderElector(_api, new LeaderElectionOptions(), _time, NullLogger<LeaderElector>.Instance);
        _controller = new NodeLifecycleController(_api, new ControllersOptions(), elector, _time, NullLogger<NodeLifecycleController>.Instance);
        await _controller.StartAsync(_stop.Token);
        await _controller.Synced.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        return _controller;
    }

    V1Pod? Pod(string name) => _api.Get<V1Pod>("default", name);
    V1Node Node() => _api.Get<V1Node>("", "node-1")!;

    [Fact]
    public async Task ANodeSeenForTheFirstTimeGetsOneRegisteredNodeEventThatNamesItsUid()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = ReadyNode("node-1", T0);
        node.Metadata.Uid = "4d3c2b1a-0000-4000-8000-000000000001";
        _api.Put(node);
        _api.Put(Lease("node-1", T0));
        var controller = await StartAsync();

        await controller.RunPassAsync(T0, ct);
        await controller.RunPassAsync(T0.AddSeconds(5), ct);

        var registered = Assert.Single(_api.CoreEvents, e => e.Reason == "RegisteredNode");
        Assert.Equal(("Normal", "Node node-1 event: Registered Node node-1 in Controller", "node-controller", "default"),
            (registered.Type, registered.Message, registered.Source.Component, registered.Metadata.NamespaceProperty));
        Assert.Equal(("Node", "node-1", node.Metadata.Uid), (registered.InvolvedObject.Kind, registered.InvolvedObject.Name, registered.InvolvedObject.Uid));
    }

    [Fact]
    public async Task ASilentNodeIsMarkedUnknownTaintedAndItsPodsEvictedOnTheirTolerations()
    {
        var ct = TestContext.Current.CancellationToken;
        _api.Put(ReadyNode("node-1", T0));
        _api.Put(Lease("node-1", T0));
        _api.Put(RunningPod("tolerant", "node-1", Default("node.kubernetes.io/not-ready"), Default("node.kubernetes.io/unreachable")));
        _api.Put(RunningPod("intolerant", "node-1"));
        var controller = await StartAsync();

        await controller.RunPassAsync(T0, ct);
        Assert.Equal("True", Node().Status.Conditions.Single(c => c.Type == "Ready").Status);

        await controller.RunPassAsync(T0.AddSeconds(55), ct);
        var ready = Node().Status.Conditions.Single(c => c.Type == "Ready");
        Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (ready.Status, ready.Reason, ready.Message));
        Assert.Equal(["node.kubernetes.io/unreachable:NoSchedule"], Node().Spec.Taints.Select(t => $"{t.Key}:{t.Effect}"));
        Assert.All(_api.All<V1Pod>(), p => Assert.Equal("False", p.Status.Conditions.Single(c => c.Type == "Ready").Status));
        Assert.Equal(2, _api.CoreEvents.Count(e => e is { Reason: "NodeNotReady", Message: "Node is not ready", Type: "Warning" }));

        await Eventually.True(() => controller.WatchedNodes.Single().Spec.Taints?.Count == 1, "controller sees its own writes");
        await controller.RunPassAsync(T0.AddSeconds(60), ct);
        Assert.Contains(Node().Spec.Taints, t => t is { Key: "node.kubernetes.io/unreachable", Effect: "NoExecute" });
        var evicted = Pod("intolerant")!;
        Assert.NotNull(evicted.Metadata.DeletionTimestamp);
        var target = evicted.Status.Conditions.Single(c => c.Type == "DisruptionTarget");
        Assert.Equal(("True", "DeletionByTaintManager", "Taint manager: deleting due to NoExecute taint"), (target.Status, target.Reason, target.Message));
        Assert.Contains(_api.CoreEvents, e => e is { Reason: "TaintManagerEviction", Message: "Marking for deletion Pod default/intolerant" });
        Assert.Null(Pod("tolerant")!.Metadata.DeletionTimestamp);

        await Eventually.True(() => controller.WatchedNodes.Single().Spec.Taints?.Count == 2, "controller sees the NoExecute taint");
        await controller.RunPassAsync(T0.AddSeconds(359), ct);
        Assert.Null(Pod("tolerant")!.Metadata.DeletionTimestamp);
        await controller.RunPassAsync(T0.AddSeconds(360), ct);
        Assert.NotNull(Pod("tolerant")!.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task PodGcRemovesPodsOfADeletedNodeAfterTheQuarantine()
    {
        var ct = TestContext.Current.CancellationToken;
        _api.Put(ReadyNode("node-1", T0));
        _api.Put(RunningPod("orphan", "gone"));
        _api.Put(RunningPod("kept", "node-1"));
        var elector = new LeaderElector(_api, new LeaderElectionOptions(), _time, NullLogger<LeaderElector>.Instance);
        var gc = new PodGcController(_api, new ControllersOptions(), elector, _time, NullLogger<PodGcController>.Instance);
        await gc.StartAsync(_stop.Token);
        await gc.Synced.WaitAsync(TimeSpan.FromSeconds(15), ct);

        Assert.Empty(await gc.RunOnceAsync(T0, ct));
        Assert.Empty(await gc.RunOnceAsync(T0.AddSeconds(39), ct));
        var actions = await gc.RunOnceAsync(T0.AddSeconds(40), ct);

        Assert.Equal("orphan", actions.Single().Pod.Metadata.Name);
        Assert.Null(Pod("orphan"));
        Assert.NotNull(Pod("kept"));
        await gc.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheRegisteredControllersShareOneListAndWatchOfPods()
    {
        var ct = TestContext.Current.CancellationToken;
        _api.Put(ReadyNode("node-1", T0));
        _api.Put(RunningPod("web", "node-1"));
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IClusterApi>(_api).AddSingleton<TimeProvider>(_time)
            .AddPodLifeControllers().BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted) await service.StartAsync(ct);

        var lifecycle = hosted.OfType<NodeLifecycleController>().Single();
        var gc = hosted.OfType<PodGcController>().Single();
        await Task.WhenAll(lifecycle.Synced, gc.Synced).WaitAsync(TimeSpan.FromSeconds(15), ct);

        Assert.Equal("web", lifecycle.WatchedPods.Single().Metadata.Name);
        Assert.Equal(1, _api.PodLists);
        foreach (var service in hosted) await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task TheSchedulerAndTheControllersOfOneProcessShareOneListAndWatchOfPods()
    {
        var ct = TestContext.Current.CancellationToken;
        // Real time here: both components elect their leader on the clock before they act.
        var now = DateTimeOffset.UtcNow;
        var node = ReadyNode("node-1", now);
        node.Status.Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("4"), ["memory"] = new("8Gi"), ["pods"] = new("110") };
        _api.Put(node);
        _api.Put(Lease("node-1", now));
        _api.Put(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "waiting", NamespaceProperty = "default", Uid = "uid-waiting" },
            Spec = new V1PodSpec { SchedulerName = "default-scheduler", Containers = [new V1Container { Name = "main", Image = "busybox" }] },
            Status = new V1PodStatus { Phase = "Pending" },
        });
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IClusterApi>(_api).AddSingleton(TimeProvider.System)
            .AddPodLifeScheduler().AddPodLifeControllers().BuildServiceProvider();
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted) await service.StartAsync(ct);

        // The scheduler hears the pod from the shared cache and binds it; the controllers see it in the same cache.
        await Eventually.True(() => _api.Bindings.Contains(("default/waiting", "node-1")), "the scheduler binds the pending pod");
        var lifecycle = hosted.OfType<NodeLifecycleController>().Single();
        await lifecycle.Synced.WaitAsync(TimeSpan.FromSeconds(15), ct);
        Assert.Equal("waiting", lifecycle.WatchedPods.Single().Metadata.Name);
        Assert.Same(services.GetRequiredService<SharedPodInformer>().Pods.Get("default/waiting"), lifecycle.WatchedPods.Single());
        Assert.Equal(1, _api.PodLists);
        foreach (var service in hosted) await service.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_controller is not null)
            await _controller.StopAsync(CancellationToken.None);
        _stop.Dispose();
    }
}
