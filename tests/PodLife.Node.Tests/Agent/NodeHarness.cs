using k8s;
using k8s.Models;
using PodLife.Core.Printing;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Node.Agent;
using PodLife.Node.Events;
using PodLife.Node.Pods;
using PodLife.Node.Runtime.Simulated;
using PodLife.Testing;

namespace PodLife.Node.Tests.Agent;

/// <summary>The in-process API server and one node agent on a simulated runtime, all on the server's fake clock (the node's delays scaled by its speed).</summary>
sealed class NodeHarness : IAsyncDisposable
{
    public const string Node = "node-1";

    readonly double _speed;
    readonly IKubernetes _nodeClient;

    NodeHarness(ApiServerFixture api, SimulatedRuntime runtime, NodeAgent agent, double speed, IKubernetes nodeClient) =>
        (Api, Runtime, Agent, _speed, _nodeClient) = (api, runtime, agent, speed, nodeClient);

    public ApiServerFixture Api { get; }
    public SimulatedRuntime Runtime { get; private set; }
    public NodeAgent Agent { get; private set; }
    public IKubernetes Client => Api.Client;
    public DateTimeOffset Now => Api.Clock.GetUtcNow();
    TimerTrackingClock Clock => (TimerTrackingClock)Api.Clock;

    /// <param name="speed">The node's <c>--speed</c>: its delays run this many times faster than the server's clock.</param>
    /// <param name="nodeRequests">Sees (and may hold up) every request of the node agent; the test's own go straight to the API.</param>
    public static async Task<NodeHarness> StartAsync(double speed = 1, DelegatingHandler? nodeRequests = null)
    {
        var api = await ApiServerFixture.StartAsync(clock: new TimerTrackingClock(ApiServerFixture.Start));
        var nodeClient = nodeRequests is null ? api.Client
            : new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigObject(api.Host.AdminKubeconfig()), nodeRequests);
        var (runtime, agent) = await StartNodeAsync(api, speed, nodeClient);
        return new NodeHarness(api, runtime, agent, speed, nodeClient);
    }

    static async Task<(SimulatedRuntime, NodeAgent)> StartNodeAsync(ApiServerFixture api, double speed, IKubernetes nodeClient)
    {
        var clock = new NodeClock(api.Clock, speed);
        var runtime = new SimulatedRuntime(clock.Simulated);
        var agent = new NodeAgent(new NodeAgentOptions { NodeName = Node }, nodeClient, runtime, runtime, clock, volumes: new PodLife.Node.Volumes.SimulatedPodVolumes(runtime));
        await agent.StartAsync(Token);
        return (runtime, agent);
    }

    /// <summary>
    /// Stops the node agent and its runtime and starts new ones against the same API, as a restarted <c>podlife up</c>
    /// does: the simulated runtime's containers are gone, the pods in the API are not.
    /// </summary>
    public async Task RestartNodeAsync()
    {
        await Agent.DisposeAsync();
        Runtime.Dispose();
        (Runtime, Agent) = await StartNodeAsync(Api, _speed, _nodeClient);
    }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// A pod worker of its own for <paramref name="pod"/>, on a node of that name that no agent runs, handed the pod once:
    /// nobody passes it runtime events or newer versions of its pod but the test.
    /// </summary>
    public LoneWorker StartLoneWorker(string node, V1Pod pod)
    {
        var events = new EventRecorder(Client, node, Api.Clock);
        var worker = new PodWorker(pod, new PodWorkerContext(Client, Runtime, Runtime, new NodeClock(Api.Clock), node, "172.18.0.9", events, NullLogger.Instance));
        worker.Update(pod);
        return new LoneWorker(worker, events);
    }

    public sealed class LoneWorker(PodWorker worker, EventRecorder events) : IAsyncDisposable
    {
        public PodWorker Worker => worker;

        public async ValueTask DisposeAsync()
        {
            worker.Dispose();
            await events.DisposeAsync();
        }
    }

    /// <summary>Creates the pod and binds it to the node through pods/binding, as the scheduler would.</summary>
    public async Task<V1Pod> RunAsync(V1Pod pod)
    {
        pod.Metadata.NamespaceProperty ??= "default";
        var created = await Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Token);
        await Client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = created.Name() },
            Target = new V1ObjectReference { Kind = "Node", Name = Node },
        }, created.Name(), "default", cancellationToken: Token);
        return created;
    }

    public Task<V1Pod> GetAsync(string name) => Client.CoreV1.ReadNamespacedPodAsync(name, "default", cancellationToken: Token);

    public async Task<PodRow> RowAsync(string name) => PodColumns.From(await GetAsync(name), Now);

    /// <summary>
    /// Lets the agent react, and once everything is idle (no write to the API, no worker syncing, no new timer for a
    /// few polls) jumps the clock straight to the next due timer, so each state in between is seen and a 5-minute
    /// back-off costs no more than a 1-second one; stops when the pod satisfies <paramref name="condition"/>, fails
    /// after <paramref name="maxSeconds"/> simulated seconds.
    /// </summary>
    public async Task<V1Pod> UntilAsync(string name, Func<V1Pod, bool> condition, double maxSeconds = 120, string? what = null)
    {
        V1Pod? pod = null;
        var found = await UntilIdleStepAsync(async () => condition(pod = await GetAsync(name)), maxSeconds);
        return found ? pod! : throw new Xunit.Sdk.XunitException(
            $"pod {name} never got {what ?? "there"} within {maxSeconds}s; last status: {KubernetesJson.Serialize(pod?.Status)}");
    }

    /// <summary>Waits (advancing the clock as <see cref="UntilAsync"/> does) until <paramref name="done"/> holds.</summary>
    public async Task UntilAsync(Func<Task<bool>> done, string what, double maxSeconds = 120)
    {
        if (!await UntilIdleStepAsync(done, maxSeconds)) throw new Xunit.Sdk.XunitException($"never {what} within {maxSeconds}s");
    }

    /// <summary>What <paramref name="command"/> prints in the pod's running container (CRI ExecSync).</summary>
    public async Task<string> ExecAsync(string pod, string container, params string[] command)
    {
        var id = (await GetAsync(pod)).Status.ContainerStatuses.Single(c => c.Name == container).ContainerID.Split("://")[1];
        return (await Runtime.ExecSyncAsync(id, command, TimeSpan.FromSeconds(5), Token)).Stdout;
    }

    /// <summary>Waits (advancing the clock) until the pod is gone from the API.</summary>
    public async Task UntilGoneAsync(string name, double maxSeconds = 120)
    {
        var gone = await UntilIdleStepAsync(async () =>
            (await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}", cancellationToken: Token)).Items.Count == 0,
            maxSeconds);
        if (!gone) throw new Xunit.Sdk.XunitException($"pod {name} was not removed within {maxSeconds}s");
    }

    async Task<bool> UntilIdleStepAsync(Func<Task<bool>> done, double maxSeconds)
    {
        const int QuietPolls = 3;
        var end = Now + TimeSpan.FromSeconds(maxSeconds);
        var (quiet, last) = (0, "");
        while (Now <= end)
        {
            await Task.Delay(10, Token);
            if (await done()) return true;
            var mark = await ActivityMarkAsync();
            quiet = mark == last ? quiet + 1 : 0;
            last = mark;
            if (quiet < QuietPolls) continue;
            Clock.AdvanceToNextTimer(TimeSpan.FromSeconds(10));
            (quiet, last) = (0, "");
        }
        return false;
    }

    // What changes while the agent is still reacting: the store's revision, the next timer, workers in a sync.
    async Task<string> ActivityMarkAsync()
    {
        var revision = (await Client.CoreV1.ListNamespaceAsync(limit: 1, cancellationToken: Token)).Metadata.ResourceVersion;
        var syncing = Agent.Workers.Count(w => w.IsSyncing);
        return $"{revision}/{Clock.NextDue:O}/{syncing}";
    }

    /// <summary>The pod's events as "Type Reason Message" lines, oldest first.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string name)
    {
        await Agent.EventsWrittenAsync();
        var list = await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={name}", cancellationToken: Token);
        return [.. list.Items.OrderBy(e => e.FirstTimestamp).ThenBy(e => e.Metadata.CreationTimestamp)];
    }

    public static V1Pod Pod(string name, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = containers },
    };

    public static V1Container Shell(string name, string script, string image = "busybox:1.36") =>
        new() { Name = name, Image = image, Command = ["sh", "-c", script] };

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        Runtime.Dispose();
        if (!ReferenceEquals(_nodeClient, Api.Client)) _nodeClient.Dispose();
        await Api.DisposeAsync();
    }
}
