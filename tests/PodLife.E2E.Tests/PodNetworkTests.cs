using System.Diagnostics;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>One `podlife up --nodes 2` for <see cref="PodNetworkTests"/>: pods on two nodes reach each other.</summary>
public sealed class TwoNodeClusterFixture : IAsyncLifetime
{
    public PodlifeServerProcess Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "2"], TestContext.Current.CancellationToken);
        // One at a time: kubectl wait --for=create given two names fails at once while neither exists.
        foreach (var node in new[] { "podlife-node-1", "podlife-node-2" })
        {
            if (await Cluster.WaitForNodesReadyAsync(node) is { } failed) throw new InvalidOperationException($"{node} never got Ready: {failed.StdErr}");
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// The Services tutorial's steps on simulated nodes with the real `podlife up` and kubectl: a busybox pod reaches an
/// nginx Service by name (cluster DNS and the pod's /etc/resolv.conf), by its FQDN and cluster IP, and the pod by its IP,
/// with busybox wget's and curl's own messages when a name, a port or the endpoints are missing; every container gets
/// the service variables kubelet gives it.
/// </summary>
public sealed class PodNetworkTests(TwoNodeClusterFixture fixture) : IClassFixture<TwoNodeClusterFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    async Task<string> JsonPathAsync(string what, string path) => Ok(await Cluster.KubectlAsync("get", what, "-o", $"jsonpath={path}")).StdOut;

    async Task UntilAsync(Func<Task<bool>> done, string what, int seconds = 30)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(seconds)) throw new Xunit.Sdk.XunitException($"never {what} within {seconds} s");
            await Task.Delay(200, Ct);
        }
    }

    async Task<ProcessRunner.Result> ExecAsync(string pod, params string[] command) => await Cluster.KubectlAsync(["exec", pod, "--", .. command]);

    [Fact]
    public async Task A_busybox_pod_reaches_an_nginx_service_by_name_ip_and_fqdn_and_gets_its_variables()
    {
        // The Service exists before the client starts: its variables are in the client's environment.
        Ok(await Cluster.KubectlAsync("run", "web", "--image=nginx", "--port=80", "--expose"));
        Ok(await Cluster.KubectlAsync("create", "service", "clusterip", "empty", "--tcp=80:80"));
        Ok(await Cluster.KubectlAsync("run", "client", "--image=busybox:1.36", "--", "sleep", "3600"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/web", "pod/client", "--timeout=60s"));
        var serviceIp = await JsonPathAsync("svc/web", "{.spec.clusterIP}");
        var emptyIp = await JsonPathAsync("svc/empty", "{.spec.clusterIP}");
        var podIp = await JsonPathAsync("pod/web", "{.status.podIP}");
        await UntilAsync(async () => (await JsonPathAsync("endpoints/web", "{.subsets[*].addresses[*].ip}")) == podIp, "the endpoints list web");

        Assert.Contains("<title>Welcome to nginx!</title>", Ok(await ExecAsync("client", "wget", "-qO-", "http://web")).StdOut, StringComparison.Ordinal);
        var fqdn = Ok(await ExecAsync("client", "wget", "-O-", "web.default.svc.cluster.local"));
        Assert.StartsWith($"Connecting to web.default.svc.cluster.local ({serviceIp}:80)\nwriting to stdout\n", fqdn.StdErr, StringComparison.Ordinal);
        Assert.EndsWith("written to stdout\n", fqdn.StdErr, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", Ok(await ExecAsync("client", "wget", "-qO-", $"{serviceIp}:80")).StdOut, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", Ok(await ExecAsync("client", "wget", "-qO-", $"http://{podIp}/index.html")).StdOut, StringComparison.Ordinal);

        var missing = await ExecAsync("client", "wget", "-qO-", "http://web/nothing-here");
        Assert.Equal((1, "wget: server returned error: HTTP/1.1 404 Not Found\n"), (missing.ExitCode, missing.StdErr.Replace("command terminated with exit code 1\n", "", StringComparison.Ordinal)));
        Assert.Contains("wget: bad address 'nosuch'\n", (await ExecAsync("client", "wget", "-qO-", "http://nosuch")).StdErr, StringComparison.Ordinal);
        Assert.Contains($"wget: can't connect to remote host ({podIp}): Connection refused\n",
            (await ExecAsync("client", "wget", "-qO-", $"http://{podIp}:8080")).StdErr, StringComparison.Ordinal);
        Assert.Contains($"wget: can't connect to remote host ({emptyIp}): Connection refused\n",
            (await ExecAsync("client", "wget", "-qO-", "http://empty")).StdErr, StringComparison.Ordinal);
        Assert.Contains("wget: download timed out\n", (await ExecAsync("client", "wget", "-T", "1", "-qO-", "http://10.255.255.1")).StdErr, StringComparison.Ordinal);
        // A pod answers ping; a service's cluster IP does not (kube-proxy forwards only its ports).
        Assert.Contains("1 packets transmitted, 1 packets received, 0% packet loss\n", Ok(await ExecAsync("client", "ping", "-c", "1", podIp)).StdOut, StringComparison.Ordinal);
        var unanswered = await ExecAsync("client", "ping", "-c", "1", "-W", "1", "web");
        Assert.Equal((1, $"PING web ({serviceIp}): 56 data bytes\n\n--- web ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n"),
            (unanswered.ExitCode, unanswered.StdOut));

        Assert.Equal("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
            Ok(await ExecAsync("client", "cat", "/etc/resolv.conf")).StdOut);
        var env = Ok(await ExecAsync("client", "printenv")).StdOut;
        Assert.Contains($"WEB_SERVICE_HOST={serviceIp}\n", env, StringComparison.Ordinal);
        Assert.Contains($"WEB_PORT_80_TCP=tcp://{serviceIp}:80\n", env, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^KUBERNETES_SERVICE_HOST=10\.96\.0\.1$", env);

        // nginx's image (Debian) has curl; busybox's has none.
        Assert.Contains("Welcome to nginx!", Ok(await ExecAsync("web", "curl", "-s", "localhost")).StdOut, StringComparison.Ordinal);
        var unresolved = await ExecAsync("web", "curl", "-sS", "http://nosuch:8080/");
        Assert.Equal(6, unresolved.ExitCode);
        Assert.Contains("curl: (6) Could not resolve host: nosuch\n", unresolved.StdErr, StringComparison.Ordinal);
        Assert.Contains("curl: (22) The requested URL returned error: 404", (await ExecAsync("web", "curl", "-fsS", "web/nothing-here")).StdErr, StringComparison.Ordinal);
        Assert.Contains("exec: \"curl\": executable file not found in $PATH", (await ExecAsync("client", "curl", "web")).StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_headless_service_names_its_pods_by_hostname_and_a_pod_has_its_own_dns_name()
    {
        const string manifest = """
            apiVersion: v1
            kind: Service
            metadata:
              name: peers
            spec:
              clusterIP: None
              selector:
                app: peer
              ports:
              - port: 80
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: peer-a
              labels:
                app: peer
            spec:
              hostname: peer-a
              subdomain: peers
              containers:
              - name: nginx
                image: nginx
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: asker
            spec:
              containers:
              - name: sh
                image: busybox:1.36
                command: ["sleep", "3600"]
            """;
        Ok(await Cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/peer-a", "pod/asker", "--timeout=60s"));
        var ip = await JsonPathAsync("pod/peer-a", "{.status.podIP}");
        await UntilAsync(async () => (await JsonPathAsync("endpoints/peers", "{.subsets[*].addresses[*].ip}")) == ip, "the endpoints list peer-a");

        Assert.StartsWith($"Connecting to peers ({ip}:80)", Ok(await ExecAsync("asker", "wget", "-O", "/tmp/page", "http://peers")).StdErr, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", Ok(await ExecAsync("asker", "cat", "/tmp/page")).StdOut, StringComparison.Ordinal);
        Assert.StartsWith($"Connecting to peer-a.peers ({ip}:80)", Ok(await ExecAsync("asker", "wget", "-O-", "http://peer-a.peers")).StdErr, StringComparison.Ordinal);
        var dashed = ip.Replace('.', '-');
        Assert.StartsWith($"Connecting to {dashed}.default.pod.cluster.local ({ip}:80)",
            Ok(await ExecAsync("asker", "wget", "-O-", $"{dashed}.default.pod.cluster.local")).StdErr, StringComparison.Ordinal);
        Assert.EndsWith($"{ip}\tpeer-a.peers.default.svc.cluster.local\tpeer-a\n", Ok(await ExecAsync("peer-a", "cat", "/etc/hosts")).StdOut, StringComparison.Ordinal);
    }

    // The Kubernetes docs' init containers example, as written there: busybox 1.28's nslookup waits for two Services.
    [Fact]
    public async Task The_init_containers_example_waits_for_its_services_by_nslookup()
    {
        const string pod = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: myapp-pod
              labels:
                app.kubernetes.io/name: MyApp
            spec:
              containers:
              - name: myapp-container
                image: busybox:1.28
                command: ['sh', '-c', 'echo The app is running! && sleep 3600']
              initContainers:
              - name: init-myservice
                image: busybox:1.28
                command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
              - name: init-mydb
                image: busybox:1.28
                command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
            """;
        const string services = """
            apiVersion: v1
            kind: Service
            metadata:
              name: myservice
            spec:
              ports:
              - protocol: TCP
                port: 80
                targetPort: 9376
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: mydb
            spec:
              ports:
              - protocol: TCP
                port: 80
                targetPort: 9377
            """;
        Ok(await Cluster.KubectlWithInputAsync(pod, "apply", "-f", "-"));
        await UntilAsync(async () => (await Cluster.KubectlAsync("logs", "myapp-pod", "-c", "init-myservice")).StdOut.Contains("waiting for myservice", StringComparison.Ordinal),
            "the first init container waits");
        Assert.Contains("Init:0/2", Ok(await Cluster.KubectlAsync("get", "pod", "myapp-pod")).StdOut, StringComparison.Ordinal);
        Assert.StartsWith("Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nnslookup: can't resolve 'myservice.default.svc.cluster.local'\nwaiting for myservice\n",
            Ok(await Cluster.KubectlAsync("logs", "myapp-pod", "-c", "init-myservice")).StdOut, StringComparison.Ordinal);

        Ok(await Cluster.KubectlWithInputAsync(services, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/myapp-pod", "--timeout=60s"));
        var ip = await JsonPathAsync("svc/mydb", "{.spec.clusterIP}");
        Assert.EndsWith($"Name:      mydb.default.svc.cluster.local\nAddress 1: {ip} mydb.default.svc.cluster.local\n",
            Ok(await Cluster.KubectlAsync("logs", "myapp-pod", "-c", "init-mydb")).StdOut, StringComparison.Ordinal);
        Assert.Equal("The app is running!\n", Ok(await Cluster.KubectlAsync("logs", "myapp-pod")).StdOut);
    }
}
