using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

public sealed class PodNetworkTests
{
    [Theory]
    [InlineData("/", 200)]
    [InlineData("/index.html", 200)]
    [InlineData("/50x.html", 200)]
    [InlineData("/healthz", 404)]
    public async Task NginxServesItsDocumentRootOnPort80(string path, int statusCode)
    {
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, "nginx:1.27");

        var response = await node.Runtime.HttpGetAsync(ip, 80, path, TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal((statusCode, (string?)null), (response.StatusCode, response.Error));
    }

    [Fact]
    public async Task AFileWrittenIntoTheDocumentRootIsServed()
    {
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, "nginx:1.27", ["sh", "-c", "echo ok > /usr/share/nginx/html/healthz; exec nginx -g 'daemon off;'"]);

        var response = await node.Runtime.HttpGetAsync(ip, 80, "/healthz", TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal((200, "ok\n"), (response.StatusCode, response.Body));
    }

    // Go's net/http and net error strings, as kubelet's prober reports them.
    [Fact]
    public async Task AClosedPortRefusesTheConnectionInGosWords()
    {
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, "nginx:1.27");

        var http = await node.Runtime.HttpGetAsync(ip, 8080, "/healthz", TimeSpan.FromSeconds(1), RuntimeHarness.Token);
        var tcp = await node.Runtime.TcpConnectAsync(ip, 8080, TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal($"Get \"http://{ip}:8080/healthz\": dial tcp {ip}:8080: connect: connection refused", http.Error);
        Assert.Equal($"dial tcp {ip}:8080: connect: connection refused", tcp);
    }

    [Fact]
    public async Task RedisAcceptsTcpConnectionsOn6379UntilItStops()
    {
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, "redis:7");
        var id = (await node.Runtime.ListContainersAsync(cancellationToken: RuntimeHarness.Token)).Single().Id;

        var whileRunning = await node.Runtime.TcpConnectAsync(ip, 6379, TimeSpan.FromSeconds(1), RuntimeHarness.Token);
        await node.Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(30), RuntimeHarness.Token);
        var afterStop = await node.Runtime.TcpConnectAsync(ip, 6379, TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Null(whileRunning);
        Assert.Equal($"dial tcp {ip}:6379: connect: connection refused", afterStop);
    }

    [Fact]
    public async Task TheHttpLivenessExampleAnswers200ForTenSecondsThen500()
    {
        // kubernetes.io "Configure Liveness, Readiness and Startup Probes": http-liveness.yaml (agnhost liveness).
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, "registry.k8s.io/e2e-test-images/agnhost:2.40", args: ["liveness"]);

        node.Advance(9);
        var early = await node.Runtime.HttpGetAsync(ip, 8080, "/healthz", TimeSpan.FromSeconds(1), RuntimeHarness.Token);
        node.Advance(1);
        var late = await node.Runtime.HttpGetAsync(ip, 8080, "/healthz", TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal((200, 500), (early.StatusCode, late.StatusCode));
    }

    [Fact]
    public async Task AgnhostNetexecAnswersHostnameWithThePodsHostname()
    {
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, "registry.k8s.io/e2e-test-images/agnhost:2.40", args: ["netexec", "--http-port=8080"]);

        var hostname = await node.Runtime.HttpGetAsync(ip, 8080, "/hostname", TimeSpan.FromSeconds(1), RuntimeHarness.Token);
        var health = await node.Runtime.HttpGetAsync(ip, 8080, "/healthz", TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal((200, "pod"), (hostname.StatusCode, hostname.Body));
        Assert.Equal((200, "ok"), (health.StatusCode, health.Body));
    }

    [Fact]
    public async Task AnotherContainersServerIsReachableOnThePodIp()
    {
        using var node = new RuntimeHarness();
        await node.PullAsync("nginx:1.27");
        var ip = await StartAsync(node, "busybox:1.36", ["sleep", "3600"]);
        var sandbox = (await node.Runtime.ListPodSandboxesAsync(RuntimeHarness.Token)).Single();
        var web = await node.Runtime.CreateContainerAsync(
            sandbox.Id, new ContainerConfig("web", 0, "nginx:1.27", [], []), sandbox.Config, RuntimeHarness.Token);
        await node.Runtime.StartContainerAsync(web, RuntimeHarness.Token);

        var response = await node.Runtime.HttpGetAsync(ip, 80, "/", TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("<h1>Welcome to nginx!</h1>", response.Body);
    }

    static async Task<string> StartAsync(RuntimeHarness node, string image, string[]? command = null, string[]? args = null)
    {
        var id = await node.RunAsync(image, command, args);
        var status = await node.StatusAsync(id);
        return (await node.Runtime.PodSandboxStatusAsync(status.PodSandboxId, RuntimeHarness.Token)).Ip;
    }
}
