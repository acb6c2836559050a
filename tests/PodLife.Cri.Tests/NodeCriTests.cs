using System.Diagnostics;
using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>`podlife node --runtime cri`: a real node as a process of its own against `podlife up --nodes 0`, driven by kubectl.</summary>
public sealed class NodeCriTests(ContainerdFixture fixture)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cri_node_process_registers_runs_a_real_pod_serves_its_logs_and_stops_on_SIGTERM()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0"], Ct);
        using var node = StartNode(cluster, "--runtime", "cri", "--containerd-socket", fixture.Containerd.Socket);
        try
        {
            var banner = await node.StandardOutput.ReadLineAsync(Ct);
            // (stderr is read only on failure: reading it first would wait for the node process to exit)
            if (banner is null) Assert.Fail(await node.StandardError.ReadToEndAsync(Ct));
            Assert.Matches(new Regex(@"^1 cri node podlife-node-1 \(containerd://[^)]+\) registered with https://127\.0\.0\.1:\d+/?; kubelet endpoint https://127\.0\.0\.1:\d+$"), banner);
            Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));

            var run = await cluster.KubectlAsync("run", "real", "--image=busybox", "--restart=Never", "--", "sh", "-c", "echo from a real container; hostname");
            Assert.True(run.ExitCode == 0, run.StdErr);
            await cluster.WaitForAsync("--for=jsonpath={.status.phase}=Succeeded", "pod/real");
            var logs = await cluster.KubectlAsync("logs", "real");
            Assert.Equal((0, "from a real container\nreal\n"), (logs.ExitCode, logs.StdOut));
            Assert.Matches(new Regex(@"^10\.\d+\.\d+\.\d+$"), (await cluster.KubectlAsync("get", "pod", "real", "-o", "jsonpath={.status.podIP}")).StdOut);
            Assert.Equal(0, (await cluster.KubectlAsync("delete", "pod", "real", "--wait=true", "--timeout=60s")).ExitCode);
            await CriCluster.UntilSandboxesRemovedAsync(Path.Combine(cluster.DataDir, "cri-podlife-node-1", "pods"));
        }
        finally
        {
            await ProcessRunner.TerminateAsync(node, Ct);
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await node.WaitForExitAsync(patience.Token);
        Assert.Equal(0, node.ExitCode);
    }

    [Fact]
    public async Task Kubectl_exec_reaches_real_containers_on_a_cri_node_process_through_its_kubelet_endpoint()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0"], Ct);
        using var node = StartNode(cluster, "--runtime", "cri", "--containerd-socket", fixture.Containerd.Socket);
        try
        {
            if (await node.StandardOutput.ReadLineAsync(Ct) is null) Assert.Fail(await node.StandardError.ReadToEndAsync(Ct));
            Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
            var run = await cluster.KubectlAsync("run", "box", "--image=busybox", "--restart=Never", "--env=GREETING=hello", "--", "sleep", "3600");
            Assert.True(run.ExitCode == 0, run.StdErr);
            var ready = await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/box", "--timeout=60s");
            Assert.True(ready.ExitCode == 0, ready.StdErr);

            var failing = await cluster.KubectlAsync("exec", "box", "--", "sh", "-c", "echo $GREETING; hostname; exit 3");
            Assert.Equal((3, "hello\nbox\n", "command terminated with exit code 3\n"), (failing.ExitCode, failing.StdOut, failing.StdErr));
            var piped = await cluster.KubectlWithInputAsync("first\n", "exec", "-i", "box", "--", "cat");
            Assert.Equal((0, "first\n", ""), (piped.ExitCode, piped.StdOut, piped.StdErr));
            var terminal = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl exec -it box -- sh", "/dev/null"],
                cluster.Environment(), "echo $GREETING-there\nexit 4\n", TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(4, terminal.ExitCode);
            Assert.Contains("hello-there\r\n", terminal.StdOut, StringComparison.Ordinal);
            Assert.EndsWith("command terminated with exit code 4\r\n", terminal.StdOut, StringComparison.Ordinal);

            Assert.Equal(0, (await cluster.KubectlAsync("delete", "pod", "box", "--wait=true", "--timeout=60s")).ExitCode);
            await CriCluster.UntilSandboxesRemovedAsync(Path.Combine(cluster.DataDir, "cri-podlife-node-1", "pods"));
        }
        finally
        {
            await ProcessRunner.TerminateAsync(node, Ct);
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await node.WaitForExitAsync(patience.Token);
    }

    [Theory]
    [InlineData(new[] { "--runtime", "cri", "--containerd-socket", "/nonexistent/containerd.sock" },
        "podlife node: containerd socket /nonexistent/containerd.sock does not exist (is containerd running?)")]
    [InlineData(new[] { "--runtime", "cri", "--simulate", "2" }, "podlife node: --simulate and --runtime cri exclude each other")]
    [InlineData(new[] { "--containerd-socket", "/run/x.sock", "--simulate", "1" }, "podlife node: --containerd-socket needs --runtime cri")]
    public async Task Node_says_in_one_line_what_a_cri_node_is_missing_and_exits_2(string[] flags, string message)
    {
        using var dir = new TempDirectory();
        var tokens = Path.Combine(dir.Path, "tokens.csv");
        await File.WriteAllTextAsync(tokens, "t0ken,admin,admin,system:masters\n", Ct);
        var result = await ProcessRunner.RunAsync(PodlifeBinary.Path,
            ["node", .. flags, "--server", "https://127.0.0.1:1", "--token-file", tokens, "--certificate-authority", tokens], ct: Ct);

        Assert.Equal((2, message + "\n"), (result.ExitCode, result.StdErr));
    }

    static Process StartNode(PodlifeServerProcess cluster, params string[] flags)
    {
        var psi = new ProcessStartInfo(PodlifeBinary.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "node", "--server", cluster.ServerUrl, "--token-file", Path.Combine(cluster.DataDir, "tokens.csv"), "--kubelet-port", "0" }.Concat(flags))
            psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start podlife node");
    }
}
