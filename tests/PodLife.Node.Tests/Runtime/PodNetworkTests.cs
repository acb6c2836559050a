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

    [Theory]
    [InlineData("registry.k8s.io/serve_hostname", new string[0])]
    [InlineData("registry.k8s.io/e2e-test-images/agnhost:2.40", new[] { "serve-hostname" })]
    public async Task ServeHostnameAnswersThePodsHostnameOn9376(string image, string[] args)
    {
        using var node = new RuntimeHarness();
        var ip = await StartAsync(node, image, args: args);

        var response = await node.Runtime.HttpGetAsync(ip, 9376, "/", TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal((200, "pod"), (response.StatusCode, response.Body));
    }

    // busybox's wget and curl from one pod to another: the page, a refusal, a server's error, an unresolved name, loopback.
    [Fact]
    public async Task WgetAndCurlReachAnotherPodByItsAddressAndSayWhyNot()
    {
        using var node = new RuntimeHarness();
        var web = await StartAsync(node, "nginx:1.27", pod: RuntimeHarness.Pod("web"));
        var client = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: RuntimeHarness.Pod("client"));
        var nginx = (await node.Runtime.ListContainersAsync(null, RuntimeHarness.Token)).Single(c => c.Config.Image == "nginx:1.27").Id;

        Assert.Contains("<h1>Welcome to nginx!</h1>", (await ExecAsync(node, client, "wget", "-qO-", $"http://{web}/")).Stdout, StringComparison.Ordinal);
        Assert.Equal((1, $"wget: can't connect to remote host ({web}): Connection refused\n"), Outcome(await ExecAsync(node, client, "wget", "-qO-", $"{web}:8080")));
        Assert.Equal((1, "Connecting to " + web + " (" + web + ":80)\nwget: server returned error: HTTP/1.1 404 Not Found\n"), Outcome(await ExecAsync(node, client, "wget", "-O-", $"{web}/nope")));
        Assert.Equal((1, "wget: bad address 'web'\n"), Outcome(await ExecAsync(node, client, "wget", "-qO-", "web")));
        var saved = await ExecAsync(node, client, "sh", "-c", $"cd /tmp && wget {web} && cat index.html");
        Assert.Contains("saving to 'index.html'\n", saved.Stderr, StringComparison.Ordinal);
        Assert.Contains("'index.html' saved\n", saved.Stderr, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", saved.Stdout, StringComparison.Ordinal);

        Assert.Contains("Welcome to nginx!", (await ExecAsync(node, nginx, "curl", "-s", "localhost")).Stdout, StringComparison.Ordinal);
        var notFound = (await ExecAsync(node, nginx, "curl", "-s", "http://127.0.0.1/missing")).Stdout;
        Assert.EndsWith("<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n", notFound, StringComparison.Ordinal);
        Assert.Equal($"HTTP/1.1 404 Not Found\r\nContent-Length: {notFound.Length}\r\n\r\n", (await ExecAsync(node, nginx, "curl", "-sI", "http://127.0.0.1/missing")).Stdout);
        Assert.Equal((7, $"curl: (7) Failed to connect to {web} port 81 after 0 ms: Couldn't connect to server\n"), Outcome(await ExecAsync(node, nginx, "curl", $"http://{web}:81/")));
        Assert.Equal((7, ""), Outcome(await ExecAsync(node, nginx, "curl", "-s", $"http://{web}:81/")));
        Assert.Equal((6, "curl: (6) Could not resolve host: nosuch\n"), Outcome(await ExecAsync(node, nginx, "curl", "-sS", "nosuch")));
        // The pod's own name is in its /etc/hosts.
        Assert.Contains("Welcome to nginx!", (await ExecAsync(node, nginx, "curl", "-s", "web")).Stdout, StringComparison.Ordinal);
    }

    // An address no pod has: the connection attempt hangs until wget's -T or curl's -m, on the simulated clock.
    [Fact]
    public async Task AnAddressNoPodHasTimesOut()
    {
        using var node = new RuntimeHarness();
        var client = await node.RunAsync("busybox:1.36", ["sleep", "3600"]);
        var nginx = await node.RunAsync("nginx:1.27", pod: RuntimeHarness.Pod("web"));

        var wget = ExecAsync(node, client, "wget", "-T", "3", "-qO-", "http://10.244.9.9/");
        var curl = ExecAsync(node, nginx, "curl", "-sS", "-m", "5", "http://10.244.9.9/");
        for (var i = 0; i < 20 && !(wget.IsCompleted && curl.IsCompleted); i++)
        {
            await Task.Delay(50, RuntimeHarness.Token);
            node.Advance(1);
        }

        Assert.Equal((1, "wget: download timed out\n"), Outcome(await wget));
        Assert.Equal((28, "curl: (28) Connection timed out after 5000 milliseconds\n"), Outcome(await curl));
    }

    // busybox ping: a pod answers once a second; an address nobody has never does, and -c's echoes end 10 s after the last.
    [Fact]
    public async Task PingCountsTheAnswersOfAPodAndTheSilenceOfAnAddressNobodyHas()
    {
        using var node = new RuntimeHarness();
        var web = await StartAsync(node, "nginx:1.27", pod: RuntimeHarness.Pod("web"));
        var client = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: RuntimeHarness.Pod("client"));

        var answered = ExecAsync(node, client, "ping", "-c", "2", web);
        var silent = ExecAsync(node, client, "ping", "-c", "2", "10.244.9.9");
        for (var i = 0; i < 40 && !(answered.IsCompleted && silent.IsCompleted); i++)
        {
            await Task.Delay(20, RuntimeHarness.Token);
            node.Advance(1);
        }

        var pong = await answered;
        Assert.Equal(0, pong.ExitCode);
        Assert.Matches($@"^PING {web} \({web}\): 56 data bytes\n64 bytes from {web}: seq=0 ttl=64 time=0\.0\d\d ms\n64 bytes from {web}: seq=1 ttl=64 time=0\.0\d\d ms\n\n--- {web} ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = [0-9./]+ ms\n$", pong.Stdout);
        Assert.Equal((1, "PING 10.244.9.9 (10.244.9.9): 56 data bytes\n\n--- 10.244.9.9 ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n"),
            ((await silent).ExitCode, (await silent).Stdout));
        Assert.Equal((1, "ping: bad address 'nosuch'\n"), Outcome(await ExecAsync(node, client, "ping", "-c", "1", "nosuch")));
    }

    [Fact]
    public async Task HostnameTellsItsAddressAndFullNameFromEtcHosts()
    {
        using var node = new RuntimeHarness();
        var pod = RuntimeHarness.Pod("peer-a") with { Domain = "peers.default.svc.cluster.local" };
        var id = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: pod);
        var ip = (await node.Runtime.PodSandboxStatusAsync((await node.StatusAsync(id)).PodSandboxId, RuntimeHarness.Token)).Ip;

        Assert.Equal($"peer-a\n{ip}\npeer-a.peers.default.svc.cluster.local\n", (await ExecAsync(node, id, "sh", "-c", "hostname; hostname -i; hostname -f")).Stdout);
    }

    // curlimages/curl is Alpine (busybox's tools) with curl; its entrypoint runs what it is given.
    [Fact]
    public async Task TheCurlImageHasCurlAndBusyboxHasNot()
    {
        using var node = new RuntimeHarness();
        var web = await StartAsync(node, "nginx:1.27", pod: RuntimeHarness.Pod("web"));
        var curl = await node.RunAsync("curlimages/curl:8.11.1", ["/entrypoint.sh"], ["sleep", "3600"], pod: RuntimeHarness.Pod("curl"));
        var busybox = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: RuntimeHarness.Pod("box"));

        Assert.Contains("Welcome to nginx!", (await ExecAsync(node, curl, "curl", "-s", web)).Stdout, StringComparison.Ordinal);
        Assert.Equal((127, "sh: curl: not found\n"), Outcome(await ExecAsync(node, busybox, "sh", "-c", $"curl -s {web}")));
        Assert.Contains("Welcome to nginx!", (await ExecAsync(node, curl, "sh", "-c", $"curl -s {web}")).Stdout, StringComparison.Ordinal);
    }

    // busybox nc: -z's exit status says whether something listens (init containers wait on it), -v says so, -w bounds the
    // wait for an address nobody has, and an HTTP request piped through it gets the server's answer.
    [Fact]
    public async Task NetcatTellsWhetherAPortListensAndRelaysAnHttpRequest()
    {
        using var node = new RuntimeHarness();
        var web = await StartAsync(node, "nginx:1.27", pod: RuntimeHarness.Pod("web"));
        var client = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: RuntimeHarness.Pod("client"));

        Assert.Equal("0 1\n", (await ExecAsync(node, client, "sh", "-c", $"nc -z {web} 80; a=$?; nc -z {web} 81; echo $a $?")).Stdout);
        Assert.Equal((0, $"{web} ({web}:80) open\n"), Outcome(await ExecAsync(node, client, "nc", "-zv", web, "80")));
        Assert.Equal((1, $"nc: {web} ({web}:81): Connection refused\n"), Outcome(await ExecAsync(node, client, "nc", "-zv", web, "81")));
        var page = (await ExecAsync(node, client, "sh", "-c", $"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc {web} 80")).Stdout;
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", page, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", page, StringComparison.Ordinal);

        var silent = ExecAsync(node, client, "nc", "-z", "-w", "2", "10.244.9.9", "5432");
        for (var i = 0; i < 20 && !silent.IsCompleted; i++)
        {
            await Task.Delay(20, RuntimeHarness.Token);
            node.Advance(1);
        }
        Assert.Equal((1, ""), Outcome(await silent));
    }

    [Fact]
    public async Task UnameNamesTheSharedKernelAndThePodsHostname()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("busybox:1.36", ["sleep", "3600"]);

        var lines = (await ExecAsync(node, id, "sh", "-c", "uname; uname -n; uname -a")).Stdout.Split('\n');

        Assert.Equal(("Linux", "pod"), (lines[0], lines[1]));
        Assert.Matches(@"^Linux pod \S+ #.* (x86_64|aarch64) GNU/Linux$", lines[2]);
    }

    static Task<ExecResult> ExecAsync(RuntimeHarness node, string container, params string[] command) =>
        node.Runtime.ExecSyncAsync(container, command, TimeSpan.FromSeconds(60), RuntimeHarness.Token);

    static (int, string) Outcome(ExecResult result) => (result.ExitCode, result.Stderr);

    static async Task<string> StartAsync(RuntimeHarness node, string image, string[]? command = null, string[]? args = null, PodSandboxConfig? pod = null)
    {
        var id = await node.RunAsync(image, command, args, pod: pod);
        var status = await node.StatusAsync(id);
        return (await node.Runtime.PodSandboxStatusAsync(status.PodSandboxId, RuntimeHarness.Token)).Ip;
    }
}
