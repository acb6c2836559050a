using System.Text.Json;
using k8s;
using k8s.Models;
using PodLife.ApiServer.Hosting;
using PodLife.Cli.Explain;
using PodLife.Testing;

namespace PodLife.E2E.Tests.Explain;

/// <summary>`podlife explain` against the real API server in-process, with pod status written through pods/status.</summary>
public sealed class ExplainCommandTests : IAsyncLifetime
{
    ApiServerFixture _server = null!;
    string _kubeconfig = "";

    public async ValueTask InitializeAsync()
    {
        _server = await ApiServerFixture.StartAsync();
        _kubeconfig = Path.Combine(_server.DataDir, "explain-kubeconfig");
        _server.Host.WriteAdminKubeconfig(_kubeconfig);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task APodStuckInImagePullBackOffIsExplainedFromItsStatusAndEventsWithExitCode1()
    {
        var now = _server.Clock.GetUtcNow();
        var pod = await CreatePodAsync("web", "nginx:doesnotexist");
        pod.Status = new V1PodStatus
        {
            Phase = "Pending",
            ContainerStatuses = [new V1ContainerStatus
            {
                Name = "web", Image = "nginx:doesnotexist", ImageID = "", Ready = false, RestartCount = 0, Started = false,
                State = new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"nginx:doesnotexist\"" } },
            }],
        };
        await _server.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "web", "default", cancellationToken: TestContext.Current.CancellationToken);
        // Two failed pulls, the last 5s ago: back-off 20s -> next pull in 15s.
        await CreateEventAsync(pod, "Failed", "Failed to pull image \"nginx:doesnotexist\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:doesnotexist\": not found", 2, now.AddSeconds(-5));

        var (code, stdout, stderr) = await ExplainAsync("web");

        Assert.Equal(1, code);
        Assert.Equal("", stderr);
        Assert.Contains("Stage:    error - container web is waiting: ImagePullBackOff", stdout, StringComparison.Ordinal);
        Assert.Contains("image `nginx:doesnotexist` not found in registry; next pull attempt in 15s (back-off 20s after 2 failed pull(s))", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunningReadyPodExitsWith0AndItsJsonFormNamesTheStage()
    {
        var pod = await CreatePodAsync("api", "nginx:1.27");
        var started = _server.Clock.GetUtcNow().UtcDateTime;
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = started }],
            ContainerStatuses = [new V1ContainerStatus
            {
                Name = "web", Image = "docker.io/library/nginx:1.27", ImageID = "docker.io/library/nginx@sha256:" + new string('a', 64),
                Ready = true, RestartCount = 0, Started = true,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = started } },
            }],
        };
        await _server.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "api", "default", cancellationToken: TestContext.Current.CancellationToken);

        var (code, stdout, _) = await ExplainAsync("api", "-o", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("normalOperation", json.RootElement.GetProperty("stage").GetString());
        Assert.Equal("healthy", json.RootElement.GetProperty("health").GetString());
    }

    [Fact]
    public async Task AnUnknownPodIsOneLineOnStderrAndExitCode2()
    {
        var (code, stdout, stderr) = await ExplainAsync("nope");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal("Error from server (NotFound): pods \"nope\" not found\n", stderr);
    }

    [Fact]
    public async Task AnUnreachableClusterIsOneLineOnStderrAndExitCode2()
    {
        Kubeconfig.Write(_kubeconfig, "https://127.0.0.1:1", _server.Host.Certificates.CaCertificatePem, _server.Host.AdminToken);

        var (code, _, stderr) = await ExplainAsync("web");

        Assert.Equal(2, code);
        Assert.StartsWith("podlife explain: cannot reach the cluster: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task ACredentialWithoutPermissionIsOneLineOnStderrAndExitCode2()
    {
        await CreatePodAsync("web", "nginx:1.27");
        Kubeconfig.Write(_kubeconfig, _server.Host.Url.ToString().TrimEnd('/'), _server.Host.Certificates.CaCertificatePem, "not-a-token");

        var (code, _, stderr) = await ExplainAsync("web");

        Assert.Equal(2, code);
        Assert.StartsWith("Error from server (Unauthorized): ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task AServiceThatSelectsAPodThatIsNotReadyIsNamedWithWhatItMeansForTraffic()
    {
        var ct = TestContext.Current.CancellationToken;
        var pod = await CreatePodAsync("shop", "nginx:1.27");
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "shop" };
        pod = await _server.Client.CoreV1.ReplaceNamespacedPodAsync(pod, "shop", "default", cancellationToken: ct);
        pod.Status = new V1PodStatus
        {
            Phase = "Running", PodIP = "10.244.0.8", PodIPs = [new V1PodIP { Ip = "10.244.0.8" }],
            Conditions = [new V1PodCondition { Type = "Ready", Status = "False", Reason = "ContainersNotReady", LastTransitionTime = _server.Clock.GetUtcNow().UtcDateTime }],
        };
        await _server.Client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, "shop", "default", cancellationToken: ct);
        await _server.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "shop" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "shop" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "default", cancellationToken: ct);

        var (_, stdout, _) = await ExplainAsync("shop");
        Assert.Contains("\nServices:\n  shop: lists the pod as not ready: it gets no traffic from the Service until it is Ready\n", stdout, StringComparison.Ordinal);

        var (_, json, _) = await ExplainAsync("shop", "-o", "json");
        var service = JsonDocument.Parse(json).RootElement.GetProperty("services")[0];
        Assert.Equal(("shop", false), (service.GetProperty("name").GetString(), service.GetProperty("endpoint").GetBoolean()));
    }

    [Theory]
    [InlineData(new string[0], "podlife explain: a pod name is required")]
    [InlineData(new[] { "web", "-o", "yaml" }, "podlife explain: unknown output format \"yaml\" (text or json)")]
    [InlineData(new[] { "web", "--bogus" }, "podlife explain: unknown flag \"--bogus\"")]
    [InlineData(new[] { "web", "-n" }, "podlife explain: a flag is missing its value")]
    public async Task UsageErrorsExitWith2BeforeContactingAnyCluster(string[] args, string firstLine)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ExplainCommand.RunAsync(args, stdout, stderr, _server.Clock, colour: false, TestContext.Current.CancellationToken);

        Assert.Equal(2, code);
        Assert.Equal(firstLine, stderr.ToString().Split('\n')[0]);
    }

    async Task<(int Code, string Stdout, string Stderr)> ExplainAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await ExplainCommand.RunAsync([.. args, "--kubeconfig", _kubeconfig], stdout, stderr, _server.Clock, colour: false,
            TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    async Task<V1Pod> CreatePodAsync(string name, string image) =>
        await _server.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec { NodeName = "worker-1", Containers = [new V1Container { Name = "web", Image = image }] },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);

    async Task CreateEventAsync(V1Pod pod, string reason, string message, int count, DateTimeOffset last) =>
        await _server.Client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{pod.Metadata.Name}.{last.ToUnixTimeMilliseconds():x}" },
            InvolvedObject = new V1ObjectReference
            {
                Kind = "Pod", ApiVersion = "v1", Name = pod.Metadata.Name, NamespaceProperty = "default", Uid = pod.Metadata.Uid,
                FieldPath = "spec.containers{web}",
            },
            Reason = reason, Message = message, Type = "Warning", Count = count,
            FirstTimestamp = last.AddSeconds(-30).UtcDateTime, LastTimestamp = last.UtcDateTime,
            Source = new V1EventSource { Component = "kubelet", Host = "worker-1" },
        }, "default", cancellationToken: TestContext.Current.CancellationToken);
}
