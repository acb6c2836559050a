using k8s;
using k8s.Models;
using PodLife.Core.Printing;
using PodLife.Node.Agent;
using PodLife.Node.Runtime.Simulated;
using PodLife.Testing;

namespace PodLife.Node.Tests.Agent;

/// <summary>The in-process API server and one node agent on a simulated runtime, all on the server's fake clock.</summary>
sealed class NodeHarness : IAsyncDisposable
{
    public const string Node = "node-1";

    NodeHarness(ApiServerFixture api, SimulatedRuntime runtime, NodeAgent agent) => (Api, Runtime, Agent) = (api, runtime, agent);

    public ApiServerFixture Api { get; }
    public SimulatedRuntime Runtime { get; }
    public NodeAgent Agent { get; }
    public IKubernetes Client => Api.Client;
    public DateTimeOffset Now => Api.Clock.GetUtcNow();
    TimerTrackingClock Clock => (TimerTrackingClock)Api.Clock;

    public static async Task<NodeHarness> StartAsync()
    {
        var api = await ApiServerFixture.StartAsync(clock: new TimerTrackingClock(ApiServerFixture.Start));
        var runtime = new SimulatedRuntime(api.Clock);
        var agent = new NodeAgent(new NodeAgentOptions { NodeName = Node }, api.Client, runtime, runtime, api.Clock);
        await agent.StartAsync(Token);
        return new NodeHarness(api, runtime, agent);
    }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

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
    /// Advances the clock to the next due timer, or by <paramref name="step"/> (default 0.5s) when none is due sooner,
    /// letting the agent react after each, until the pod satisfies <paramref name="condition"/>; fails after
    /// <paramref name="maxSeconds"/> simulated seconds.
    /// </summary>
    public async Task<V1Pod> UntilAsync(string name, Func<V1Pod, bool> condition, double maxSeconds = 120, double step = 0.5, string? what = null)
    {
        var start = Now;
        V1Pod? pod = null;
        while (Now - start <= TimeSpan.FromSeconds(maxSeconds))
        {
            for (var i = 0; i < 10; i++)
            {
                await Task.Delay(15, Token);
                pod = await GetAsync(name);
                if (condition(pod)) return pod;
            }
            Clock.AdvanceToNextTimer(TimeSpan.FromSeconds(step));
        }
        throw new Xunit.Sdk.XunitException($"pod {name} never got {what ?? "there"} within {maxSeconds}s; last status: {KubernetesJson.Serialize(pod?.Status)}");
    }

    /// <summary>Waits (advancing the clock) until the pod is gone from the API.</summary>
    public async Task UntilGoneAsync(string name, double maxSeconds = 120)
    {
        var start = Now;
        while (Now - start <= TimeSpan.FromSeconds(maxSeconds))
        {
            for (var i = 0; i < 10; i++)
            {
                await Task.Delay(15, Token);
                var list = await Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: $"metadata.name={name}", cancellationToken: Token);
                if (list.Items.Count == 0) return;
            }
            Clock.AdvanceToNextTimer(TimeSpan.FromSeconds(0.5));
        }
        throw new Xunit.Sdk.XunitException($"pod {name} was not removed within {maxSeconds}s");
    }

    /// <summary>The pod's events as "Type Reason Message" lines, oldest first.</summary>
    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string name)
    {
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
        await Api.DisposeAsync();
    }
}
