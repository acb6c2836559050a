using k8s;
using k8s.Models;
using PodLife.Node.Agent;
using PodLife.Testing;
using PodLife.Core.Scheduling;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// The simulated nodes of one process hear of their pods through one list and one watch of all pods: each pod, bound
/// before the nodes start (a restart) or after, runs on its own node and on no other.
/// </summary>
public sealed class SharedPodFeedTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThreeNodesShareOneListAndOneWatchAndEachRunsItsOwnPods()
    {
        await using var api = await ApiServerFixture.StartAsync();
        var counts = new Counts();
        using var admin = Client(api, null);
        await CreatePodAsync(admin, "before-1", "sim-1");
        await CreatePodAsync(admin, "before-3", "sim-3");
        await CreatePodAsync(admin, "unbound", null);

        var clients = new List<Kubernetes>();
        await using var nodes = await SimulatedNodes.StartAsync(new SimulatedNodesOptions { Count = 3, NamePrefix = "sim-" },
            name => { var c = Client(api, new PodRequests(counts)); lock (clients) clients.Add(c); return c; }, api.Clock, ct: Ct);
        await CreatePodAsync(admin, "after-2", "sim-2");

        var expected = new Dictionary<string, string> { ["before-1"] = "sim-1", ["before-3"] = "sim-3", ["after-2"] = "sim-2" };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        // The list can already hold every pod: then the agents run them all before the feed has sent its watch.
        while ((!expected.All(p => nodes.Agents.Single(a => a.NodeName == p.Value).Runs("default", p.Key)) || Volatile.Read(ref counts.Watches) == 0)
            && DateTime.UtcNow < deadline)
            await Task.Delay(20, Ct);

        foreach (var agent in nodes.Agents)
        {
            var mine = expected.Where(p => p.Value == agent.NodeName).Select(p => p.Key).ToList();
            Assert.Equal(mine, agent.Workers.Select(w => w.Pod.Metadata.Name).Order().ToList());
        }
        Assert.Equal((1, 1), (Volatile.Read(ref counts.Lists), Volatile.Read(ref counts.Watches)));
        foreach (var c in clients) c.Dispose();
    }

    static Kubernetes Client(ApiServerFixture api, DelegatingHandler? counter)
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(api.Host.AdminKubeconfig());
        return counter is null ? new Kubernetes(config, api.Host.CreateInProcessHandler()) : new Kubernetes(config, counter, api.Host.CreateInProcessHandler());
    }

    static Task CreatePodAsync(Kubernetes client, string name, string? node) =>
        client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { NodeName = node, Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] },
        }, "default", cancellationToken: Ct);

    sealed class Counts
    {
        public int Lists;
        public int Watches;
    }

    // Counts the lists and watches of all pods that the node clients send.
    sealed class PodRequests(Counts counts) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath == "/api/v1/pods")
            {
                if (uri.Query.Contains("watch=true", StringComparison.Ordinal)) Interlocked.Increment(ref counts.Watches);
                else Interlocked.Increment(ref counts.Lists);
            }
            return base.SendAsync(request, ct);
        }
    }
}
