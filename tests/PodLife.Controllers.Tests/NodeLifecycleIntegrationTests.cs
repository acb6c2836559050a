using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Controllers.Service;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.LeaderElection;
using PodLife.Scheduler.Tests.Fakes;
using PodLife.Testing;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// The node lifecycle controller against the real API server in-process; passes are driven at chosen times.
public sealed class NodeLifecycleIntegrationTests : IAsyncLifetime
{
    ApiServerFixture _server = null!;
    readonly CancellationTokenSource _stop = new();
    NodeLifecycleController? _controller;

    public async ValueTask InitializeAsync() => _server = await ApiServerFixture.StartAsync();

    [Fact]
    public async Task AStoppedHeartbeatTurnsTheNodeUnknownTaintsItAndEvictsIntolerantPods()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = _server.Client;
        var node = ReadyNode("node-1", T0);
        var status = node.Status;
        node.Metadata.CreationTimestamp = null;
        var created = await client.CoreV1.CreateNodeAsync(node, cancellationToken: ct);
        created.Status = status;
        await client.CoreV1.ReplaceNodeStatusAsync(created, "node-1", cancellationToken: ct);
        await client.CoordinationV1.CreateNamespacedLeaseAsync(Lease("node-1", T0), "kube-node-lease", cancellationToken: ct);
        foreach (var pod in new[] { RunningPod("web", "node-1", Default("node.kubernetes.io/unreachable", null)), RunningPod("batch", "node-1") })
        {
            var podStatus = pod.Status;
            pod.Status = null;
            pod.Metadata.CreationTimestamp = null;
            var p = await client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: ct);
            p.Status = podStatus;
            await client.CoreV1.ReplaceNamespacedPodStatusAsync(p, p.Metadata.Name, "default", cancellationToken: ct);
        }

        var elector = new LeaderElector(new KubernetesClusterApi(client), new LeaderElectionOptions(), _server.Clock, NullLogger<LeaderElector>.Instance);
        _controller = new NodeLifecycleController(new KubernetesClusterApi(client), new ControllersOptions(), elector, _server.Clock, NullLogger<NodeLifecycleController>.Instance);
        await _controller.StartAsync(_stop.Token);
        await _controller.Synced.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await Eventually.True(() => _controller.WatchedPods.Count == 2 && _controller.WatchedPods.All(p => p.Status?.Conditions is not null), "pods with status watched");

        await _controller.RunPassAsync(T0, ct);
        await _controller.RunPassAsync(T0.AddSeconds(50), ct);
        Assert.Equal("True", ReadyOf(await client.CoreV1.ReadNodeAsync("node-1", cancellationToken: ct)).Status);

        await _controller.RunPassAsync(T0.AddSeconds(55), ct);
        var read = await client.CoreV1.ReadNodeAsync("node-1", cancellationToken: ct);
        Assert.Equal(("Unknown", "NodeStatusUnknown", "Kubelet stopped posting node status."), (ReadyOf(read).Status, ReadyOf(read).Reason, ReadyOf(read).Message));
        Assert.Equal(["node.kubernetes.io/unreachable:NoSchedule"], read.Spec.Taints.Select(t => $"{t.Key}:{t.Effect}"));
        var web = await client.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: ct);
        Assert.Equal("False", web.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.Equal("Running", web.Status.Phase);

        await Eventually.True(() => _controller.WatchedNodes.Single().Spec.Taints?.Count == 1, "controller sees the Unknown node");
        await _controller.RunPassAsync(T0.AddSeconds(60), ct);
        Assert.Contains((await client.CoreV1.ReadNodeAsync("node-1", cancellationToken: ct)).Spec.Taints, t => t is { Key: "node.kubernetes.io/unreachable", Effect: "NoExecute" });

        // "batch" set no tolerations, so DefaultTolerationSeconds admission gave it 300s; "web" tolerates forever.
        await Eventually.True(() => _controller.WatchedNodes.Single().Spec.Taints?.Count == 2, "controller sees the NoExecute taint");
        await _controller.RunPassAsync(T0.AddSeconds(359), ct);
        Assert.Null((await client.CoreV1.ReadNamespacedPodAsync("batch", "default", cancellationToken: ct)).Metadata.DeletionTimestamp);
        await _controller.RunPassAsync(T0.AddSeconds(360), ct);
        var batch = await client.CoreV1.ReadNamespacedPodAsync("batch", "default", cancellationToken: ct);
        Assert.NotNull(batch.Metadata.DeletionTimestamp);
        Assert.Equal("DeletionByTaintManager", batch.Status.Conditions.Single(c => c.Type == "DisruptionTarget").Reason);
        Assert.Null((await client.CoreV1.ReadNamespacedPodAsync("web", "default", cancellationToken: ct)).Metadata.DeletionTimestamp);
        var events = (await client.CoreV1.ListNamespacedEventAsync("default", cancellationToken: ct)).Items;
        Assert.Contains(events, e => e.Reason == "TaintManagerEviction" && e.Message == "Marking for deletion Pod default/batch");
        Assert.Contains(events, e => e.Reason == "NodeNotReady" && e.Message == "Node is not ready" && e.InvolvedObject.Name == "web");
    }

    static V1NodeCondition ReadyOf(V1Node node) => node.Status.Conditions.Single(c => c.Type == "Ready");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_controller is not null)
        {
            try { await _controller.StopAsync(CancellationToken.None); } catch (OperationCanceledException) { }
        }
        await _server.DisposeAsync();
    }
}
