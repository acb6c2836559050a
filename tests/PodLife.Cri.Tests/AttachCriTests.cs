using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>
/// `kubectl attach`, `kubectl run -i` and `kubectl debug` on real containers: `podlife up --runtime cri`, CRI Attach
/// through containerd's streaming server.
/// </summary>
public sealed class AttachCriTests(ContainerdFixture fixture)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Ticker = """
        apiVersion: v1
        kind: Pod
        metadata: {name: ticker}
        spec:
          restartPolicy: Never
          containers:
          - {name: main, image: busybox, command: ["sh", "-c", "echo early; sleep 6; echo one; echo two >&2; sleep 1; echo three"]}
        """;

    [Fact]
    public async Task Kubectl_attach_run_dash_i_and_debug_reach_real_containers()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--runtime", "cri", "--containerd-socket", fixture.Containerd.Socket], Ct);
        try
        {
            Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
            Assert.Equal(0, (await cluster.KubectlWithInputAsync(Ticker, "apply", "-f", "-")).ExitCode);
            var ready = await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/ticker", "--timeout=60s");
            Assert.True(ready.ExitCode == 0, ready.StdErr);

            // What the container writes after kubectl attached, until it exits. Ready says the container started, not
            // that its shell has run yet: attach once "early" is written, so that it is before the attach.
            for (var tries = 0; !(await cluster.KubectlAsync("logs", "ticker")).StdOut.Contains("early", StringComparison.Ordinal); tries++)
            {
                Assert.True(tries < 40, "the container never wrote \"early\"");
                await Task.Delay(100, Ct);
            }
            var attached = await cluster.KubectlAsync("attach", "ticker");
            Assert.Equal((0, "one\nthree\n"), (attached.ExitCode, attached.StdOut));
            Assert.EndsWith("two\n", attached.StdErr, StringComparison.Ordinal);

            var terminal = await ProcessRunner.RunAsync("script",
                ["-q", "-e", "-c", "kubectl run -it interactive --image=busybox --restart=Never -- sh", "/dev/null"],
                cluster.Environment(), "echo hi-$HOSTNAME\nexit 3\n", TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(3, terminal.ExitCode);
            Assert.Contains("hi-interactive\r\n", terminal.StdOut, StringComparison.Ordinal);
            Assert.EndsWith("pod default/interactive terminated (Error)\r\n", terminal.StdOut, StringComparison.Ordinal);

            var piped = await cluster.KubectlWithInputAsync("echo from-$HOSTNAME\n", "run", "-i", "scripted", "--image=busybox", "--restart=Never", "--", "sh");
            Assert.Equal(0, piped.ExitCode);
            Assert.StartsWith("from-scripted\n", piped.StdOut, StringComparison.Ordinal);

            // kubectl debug: an ephemeral container in a running pod's sandbox (its hostname is the pod's), in its target's
            // process namespace (ps shows the target's sleep).
            Assert.Equal(0, (await cluster.KubectlAsync("run", "box", "--image=busybox", "--", "sleep", "3600")).ExitCode);
            Assert.Equal(0, (await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/box", "--timeout=60s")).ExitCode);
            var debug = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl debug -it box --image=busybox --target=box -c dbg", "/dev/null"],
                cluster.Environment(), "echo hi-$HOSTNAME\nps\nexit 2\n", TimeSpan.FromSeconds(60), Ct);
            Assert.Contains("hi-box\r\n", debug.StdOut, StringComparison.Ordinal);
            Assert.Contains("sleep 3600", debug.StdOut, StringComparison.Ordinal);
            var exited = await cluster.KubectlAsync("wait", "--for=jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.exitCode}=2", "pod/box", "--timeout=60s");
            Assert.True(exited.ExitCode == 0, exited.StdErr);
            Assert.Equal("Running", (await cluster.KubectlAsync("get", "pod", "box", "-o", "jsonpath={.status.phase}")).StdOut);
        }
        finally
        {
            await cluster.KubectlAsync("delete", "pods", "--all", "--wait=true", "--timeout=60s");
            await CriCluster.UntilSandboxesRemovedAsync(Path.Combine(cluster.DataDir, "cri", "pods"));
        }
    }
}
