using System.Diagnostics;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// `podlife node --simulate N` as its own process against `podlife up --nodes 0`: the nodes register with their own
/// credentials, the scheduler places pods on them, and kubectl logs, exec, attach and port-forward reach their kubelet
/// endpoint through the API server.
/// </summary>
public class NodeProcessTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Process StartNodes(PodlifeServerProcess cluster, params string[] flags)
    {
        var server = File.ReadAllLines(cluster.KubeconfigPath).Select(l => l.Trim()).First(l => l.StartsWith("server:", StringComparison.Ordinal))["server:".Length..].Trim();
        var psi = new ProcessStartInfo(PodlifeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "node", "--server", server, "--token-file", Path.Combine(cluster.DataDir, "tokens.csv"), "--kubelet-port", "0" }.Concat(flags))
            psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start podlife node");
    }

    [Fact]
    public async Task SimulatedNodesInTheirOwnProcessRunPodsAndServeTheirLogsToKubectl()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0"], Ct);
        using var nodes = StartNodes(cluster, "--simulate", "2", "--name-prefix", "remote-");
        try
        {
            var banner = await nodes.StandardOutput.ReadLineAsync(Ct);
            // (stderr is read only on failure: reading it first would wait for the node process to exit)
            if (banner is null) Assert.Fail(await nodes.StandardError.ReadToEndAsync(Ct));
            Assert.Matches(@"^2 simulated node\(s\) remote-1\.\.remote-2 registered with https://127\.0\.0\.1:\d+/?; kubelet endpoint https://127\.0\.0\.1:\d+$", banner);
            var kubeletPort = int.Parse(Regex.Match(banner, @":(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            Assert.Null(await cluster.WaitForNodesReadyAsync("remote-1", "remote-2"));
            var port = Ok(await cluster.KubectlAsync("get", "node", "remote-2", "-o", "jsonpath={.status.daemonEndpoints.kubeletEndpoint.Port} {.status.addresses[0].address}"));
            Assert.Equal($"{kubeletPort} 127.0.0.1", port.StdOut);

            Ok(await cluster.KubectlAsync("run", "talker", "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c", "echo one; echo two; echo three"));
            Ok(await cluster.KubectlAsync("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/talker", "--timeout=60s"));
            var node = Ok(await cluster.KubectlAsync("get", "pod", "talker", "-o", "jsonpath={.spec.nodeName}")).StdOut;
            Assert.StartsWith("remote-", node, StringComparison.Ordinal);

            Assert.Equal("one\ntwo\nthree\n", Ok(await cluster.KubectlAsync("logs", "talker")).StdOut);
            Assert.Equal("three\n", Ok(await cluster.KubectlAsync("logs", "talker", "--tail=1")).StdOut);
            Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z one\n"), Ok(await cluster.KubectlAsync("logs", "talker", "--timestamps")).StdOut);
            // A followed log streams from the kubelet endpoint until the container ends.
            Ok(await cluster.KubectlAsync("run", "ticker", "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c", "echo start; sleep 2; echo end"));
            Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/ticker", "--timeout=60s"));
            Assert.Equal("start\nend\n", Ok(await cluster.KubectlAsync("logs", "-f", "ticker")).StdOut);
            Assert.Equal("Succeeded", Ok(await cluster.KubectlAsync("get", "pod", "ticker", "-o", "jsonpath={.status.phase}")).StdOut);
            var previous = await cluster.KubectlAsync("logs", "talker", "--previous");
            Assert.Equal(1, previous.ExitCode);
            Assert.Contains("previous terminated container \"talker\" in pod \"talker\" not found", previous.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            await ProcessRunner.TerminateAsync(nodes, Ct);
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await nodes.WaitForExitAsync(patience.Token);
        Assert.Equal(0, nodes.ExitCode);
    }

    [Fact]
    public async Task KubectlExecAttachPortForwardAndProxyReachPodsOnNodesInTheirOwnProcessThroughTheKubeletEndpoint()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0"], Ct);
        using var nodes = StartNodes(cluster, "--simulate", "1", "--name-prefix", "far-");
        try
        {
            Assert.Null(await cluster.WaitForNodesReadyAsync("far-1"));
            Ok(await cluster.KubectlAsync("run", "box", "--image=busybox:1.36", "--restart=Never", "--env=GREETING=hello", "--", "sleep", "3600"));
            Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/box", "--timeout=60s"));

            var failing = await cluster.KubectlAsync("exec", "box", "--", "sh", "-c", "echo $GREETING; exit 3");
            Assert.Equal((3, "hello\n", "command terminated with exit code 3\n"), (failing.ExitCode, failing.StdOut, failing.StdErr));
            var piped = await cluster.KubectlWithInputAsync("first\n", "exec", "-i", "box", "--", "cat");
            Assert.Equal((0, "first\n", ""), (piped.ExitCode, piped.StdOut, piped.StdErr));
            var terminal = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl exec -it box -- sh", "/dev/null"],
                cluster.Environment(), "echo $GREETING-there\nexit 4\n", TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(4, terminal.ExitCode);
            Assert.Contains("hello-there\r\n", terminal.StdOut, StringComparison.Ordinal);
            Assert.EndsWith("command terminated with exit code 4\r\n", terminal.StdOut, StringComparison.Ordinal);

            // pods/attach goes the same way, to the kubelet endpoint's /attach.
            var attached = await ProcessRunner.RunAsync("script",
                ["-q", "-e", "-c", "kubectl run -it far-shell --image=busybox:1.36 --restart=Never -- sh", "/dev/null"],
                cluster.Environment(), "echo hi-$HOSTNAME\nexit 5\n", TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(5, attached.ExitCode);
            Assert.Contains("hi-far-shell\r\n", attached.StdOut, StringComparison.Ordinal);

            // pods/portforward: one WebSocket per connection to the kubelet endpoint's /portForward.
            Ok(await cluster.KubectlAsync("run", "far-web", "--image=nginx", "--port=80"));
            Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/far-web", "--timeout=60s"));
            using var forward = cluster.StartKubectl("port-forward", "pod/far-web", ":80");
            try
            {
                var local = await KubectlPortForward.LocalPortAsync(forward, Ct);
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{local}") };
                Assert.Contains("<title>Welcome to nginx!</title>", await http.GetStringAsync("/", Ct), StringComparison.Ordinal);
                Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync("/nope", Ct)).StatusCode);
            }
            finally
            {
                forward.Kill();
            }
            using var refused = cluster.StartKubectl("port-forward", "pod/far-web", ":8080");
            var closed = await KubectlPortForward.LocalPortAsync(refused, Ct);
            using var client = new HttpClient();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{closed}/", Ct));
            await refused.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            Assert.Contains("connect: connection refused", await refused.StandardError.ReadToEndAsync(Ct), StringComparison.Ordinal);

            // pods/proxy rides on the same connections.
            Assert.Contains("<title>Welcome to nginx!</title>",
                Ok(await cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/far-web/proxy/")).StdOut, StringComparison.Ordinal);
            var unreachable = await cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/far-web:8080/proxy/");
            Assert.Matches(@"^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp [\d.]+:8080: connect: connection refused\n$", unreachable.StdErr);
        }
        finally
        {
            await ProcessRunner.TerminateAsync(nodes, Ct);
        }
    }

    [Fact]
    public async Task Scenario8_AKilledNodeTurnsUnknownItsPodsUnreadyThenTheyAreEvictedAndShowTerminating()
    {
        // A short grace period, and a node at --speed 10 that renews its lease every simulated 10s (one real second).
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0", "--node-monitor-grace-period", "4s"], Ct);
        using var nodes = StartNodes(cluster, "--simulate", "1", "--name-prefix", "lost-", "--speed", "10");
        try
        {
            Assert.Null(await cluster.WaitForNodesReadyAsync("lost-1"));
            Ok(await cluster.KubectlWithInputAsync("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: s8-victim
                spec:
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 3}
                  - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 3}
                  containers:
                  - {name: main, image: busybox:1.36, command: [sleep, "3600"]}
                """, "apply", "-f", "-"));
            Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/s8-victim", "--timeout=60s"));
            // Still Ready well past the grace period: the sped-up lease keeps the node alive.
            await Task.Delay(TimeSpan.FromSeconds(6), Ct);
            Assert.Equal("True", Ok(await cluster.KubectlAsync("get", "node", "lost-1", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).StdOut);

            nodes.Kill();

            Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready=Unknown", "node/lost-1", "--timeout=60s"));
            var ready = Ok(await cluster.KubectlAsync("get", "node", "lost-1", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}|{.status.conditions[?(@.type==\"Ready\")].message}|{.spec.taints[*].key}")).StdOut;
            Assert.Equal("NodeStatusUnknown|Kubelet stopped posting node status.|node.kubernetes.io/unreachable", ready);
            Assert.Equal("Unknown Unknown Unknown", Ok(await cluster.KubectlAsync("get", "node", "lost-1", "-o",
                "jsonpath={.status.conditions[?(@.type==\"MemoryPressure\")].status} {.status.conditions[?(@.type==\"DiskPressure\")].status} {.status.conditions[?(@.type==\"PIDPressure\")].status}")).StdOut);
            Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready=false", "pod/s8-victim", "--timeout=60s"));

            Ok(await cluster.KubectlAsync("wait", "--for=condition=DisruptionTarget", "pod/s8-victim", "--timeout=60s"));
            var target = Ok(await cluster.KubectlAsync("get", "pod", "s8-victim", "-o",
                "jsonpath={.status.conditions[?(@.type==\"DisruptionTarget\")].reason}|{.metadata.deletionTimestamp}")).StdOut.Split('|');
            Assert.Equal("DeletionByTaintManager", target[0]);
            Assert.NotEqual("", target[1]);
            var row = Regex.Split(Ok(await cluster.KubectlAsync("get", "pod", "s8-victim", "--no-headers")).StdOut.Trim(), @"\s{2,}");
            Assert.Equal("Terminating", row[2]);
            Assert.Contains("TaintManagerEviction", Ok(await cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=s8-victim")).StdOut, StringComparison.Ordinal);
        }
        finally
        {
            if (!nodes.HasExited) nodes.Kill();
        }
    }

    [Theory]
    [InlineData(new[] { "--server", "https://127.0.0.1:1" }, "--simulate N or --runtime cri is required")]
    [InlineData(new[] { "--simulate", "0" }, "--simulate needs a number of nodes (1 or more)")]
    [InlineData(new[] { "--simulate", "1", "--server", "http://x" }, "--server needs the API server's https:// URL")]
    [InlineData(new[] { "--simulate", "1", "--server", "https://127.0.0.1:1", "--token-file", "/nonexistent/tokens.csv" }, "--token-file: /nonexistent/tokens.csv: no such file")]
    [InlineData(new[] { "--simulate", "1", "--server", "https://127.0.0.1:1", "--name-prefix", "Bad_" }, "--name-prefix needs lower-case letters")]
    public async Task BadFlagsGetOneClearLineAndExitCode2(string[] flags, string message)
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["node", .. flags], ct: Ct);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("podlife node: " + message, r.StdErr, StringComparison.Ordinal);
        Assert.Single(r.StdErr.TrimEnd('\n').Split('\n'));
    }
}
