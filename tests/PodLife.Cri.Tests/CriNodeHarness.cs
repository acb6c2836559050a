using k8s;
using k8s.Models;
using PodLife.Node.Agent;
using PodLife.Node.Cri;
using PodLife.Node.Logs;
using PodLife.Node.Volumes;
using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>The in-process API server and one node agent running real containers through the shared containerd.</summary>
sealed class CriNodeHarness : IAsyncDisposable
{
    public const string Node = "cri-node";
    readonly CriRuntime _runtime;
    readonly HostPodNetwork _network = new();
    readonly HostVolumes _volumes;
    readonly List<string> _uids = [];

    CriNodeHarness(ApiServerFixture api, CriRuntime runtime, HostVolumes volumes) => (Api, _runtime, _volumes) = (api, runtime, volumes);

    public ApiServerFixture Api { get; }
    public NodeAgent Agent { get; private set; } = null!;
    public IKubernetes Client => Api.Client;

    static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<CriNodeHarness> StartAsync(ContainerdFixture fixture)
    {
        var api = await ApiServerFixture.StartAsync();
        var harness = new CriNodeHarness(api, fixture.NewRuntime(), new HostVolumes(new KubeletDirectories(fixture.KubeletDirectory)));
        harness.Agent = new NodeAgent(new NodeAgentOptions { NodeName = Node }, api.Client, harness._runtime, harness._network, TimeProvider.System,
            Microsoft.Extensions.Logging.LoggerFactory.Create(b => Microsoft.Extensions.Logging.ConsoleLoggerExtensions.AddSimpleConsole(b)).CreateLogger("agent"),
            harness._volumes);
        await harness.Agent.StartAsync(Token);
        return harness;
    }

    /// <summary>Creates the pod and binds it to the node, as the scheduler would.</summary>
    public async Task RunAsync(V1Pod pod)
    {
        var created = await Client.CoreV1.CreateNamespacedPodAsync(pod, "default", cancellationToken: Token);
        _uids.Add(created.Uid());
        await Client.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = created.Name() },
            Target = new V1ObjectReference { Kind = "Node", Name = Node },
        }, created.Name(), "default", cancellationToken: Token);
    }

    public Task<V1Pod> GetAsync(string name) => Client.CoreV1.ReadNamespacedPodAsync(name, "default", cancellationToken: Token);

    /// <summary>Polls (real time) until the pod satisfies <paramref name="condition"/>.</summary>
    public async Task<V1Pod> UntilAsync(string name, Func<V1Pod, bool> condition, double maxSeconds = 30, string? what = null)
    {
        V1Pod? pod = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(maxSeconds); DateTime.UtcNow < deadline; await Task.Delay(100, Token))
        {
            pod = await GetAsync(name);
            if (condition(pod)) return pod;
        }
        throw new Xunit.Sdk.XunitException($"pod {name} never got {what ?? "there"} within {maxSeconds}s; last status: {KubernetesJson.Serialize(pod?.Status)}");
    }

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string name)
    {
        await Agent.EventsWrittenAsync();
        var list = await Client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: $"involvedObject.name={name}", cancellationToken: Token);
        return [.. list.Items.OrderBy(e => e.FirstTimestamp)];
    }

    public Task<string?> LogsAsync(string pod, string container, bool previous = false) =>
        Agent.Logs.ReadAsync(new ContainerLogRequest("default", pod, container, Previous: previous), Token);

    public static V1Pod Pod(string name, string restartPolicy, params V1Container[] containers) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default" },
        Spec = new V1PodSpec { Containers = containers, RestartPolicy = restartPolicy, TerminationGracePeriodSeconds = 5 },
    };

    public static V1Container Shell(string name, string script) => new() { Name = name, Image = "busybox", Command = ["sh", "-c", script] };

    public async ValueTask DisposeAsync()
    {
        await Agent.DisposeAsync();
        // Every sandbox of this harness's pods, including one a deletion was still tearing down when the agent stopped.
        foreach (var sandbox in (await _runtime.ListPodSandboxesAsync()).Where(s => _uids.Contains(s.Config.Uid)))
        {
            await RetriedAsync(() => _runtime.StopPodSandboxAsync(sandbox.Id));
            await RetriedAsync(() => _runtime.RemovePodSandboxAsync(sandbox.Id));
        }
        foreach (var uid in _uids) await _volumes.TearDownAsync(uid);
        _runtime.Dispose();
        _network.Dispose();
        await Api.DisposeAsync();
    }

    // containerd now and then loses a shim's connection while it stops a sandbox ("ttrpc: closed"); as kubelet does at
    // its next sync, the cleanup asks again, and a leak still fails the run.
    static async Task RetriedAsync(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (PodLife.Node.Runtime.ContainerRuntimeException) when (attempt < 3)
            {
                await Task.Delay(500);
            }
        }
    }
}
