using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>`kubectl exec` into real containers: `podlife up --runtime cri`, CRI Exec through containerd's streaming server.</summary>
public sealed class ExecCriTests(ContainerdFixture fixture)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: box}
        spec:
          containers:
          - {name: main, image: busybox, command: ["sleep", "3600"], env: [{name: GREETING, value: hello}]}
          - {name: side, image: busybox, command: ["sleep", "3600"]}
        """;

    [Fact]
    public async Task Kubectl_exec_runs_commands_in_real_containers_with_exit_codes_stdin_and_a_terminal()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--runtime", "cri", "--containerd-socket", fixture.Containerd.Socket], Ct);
        try
        {
            Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
            Assert.Equal(0, (await cluster.KubectlWithInputAsync(Pod, "apply", "-f", "-")).ExitCode);
            var ready = await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/box", "--timeout=60s");
            Assert.True(ready.ExitCode == 0, ready.StdErr);

            var hostname = await cluster.KubectlAsync("exec", "box", "-c", "main", "--", "cat", "/etc/hostname");
            Assert.Equal((0, "box\n"), (hostname.ExitCode, hostname.StdOut));
            var failing = await cluster.KubectlAsync("exec", "box", "-c", "main", "--", "sh", "-c", "echo $GREETING; exit 3");
            Assert.Equal((3, "hello\n", "command terminated with exit code 3\n"), (failing.ExitCode, failing.StdOut, failing.StdErr));
            var side = await cluster.KubectlAsync("exec", "box", "-c", "side", "--", "sh", "-c", "echo ${GREETING:-unset}");
            Assert.Equal("unset\n", side.StdOut);
            // kubelet's service variables reach real containers too.
            var kubernetesIp = (await cluster.KubectlAsync("get", "svc", "kubernetes", "-o", "jsonpath={.spec.clusterIP}")).StdOut;
            var links = await cluster.KubectlAsync("exec", "box", "-c", "side", "--", "sh", "-c", "echo $KUBERNETES_SERVICE_HOST $KUBERNETES_PORT_443_TCP");
            Assert.Equal($"{kubernetesIp} tcp://{kubernetesIp}:443\n", links.StdOut);

            // Stdin streams to the command and its end reaches it (a FIN on the SPDY stdin stream): cat ends.
            var piped = await cluster.KubectlWithInputAsync("first\n", "exec", "-i", "box", "-c", "main", "--", "cat");
            Assert.Equal((0, "first\n", ""), (piped.ExitCode, piped.StdOut, piped.StdErr));
            var counted = await cluster.KubectlWithInputAsync(string.Concat(Enumerable.Repeat("0123456789abcdef\n", 20000)), "exec", "-i", "box", "-c", "main", "--", "wc", "-c");
            Assert.Equal((0, "340000\n"), (counted.ExitCode, counted.StdOut.TrimStart()));

            var terminal = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl exec -it box -c main -- sh", "/dev/null"],
                cluster.Environment(), "echo $GREETING-there\nexit 4\n", TimeSpan.FromSeconds(60), Ct);
            Assert.Equal(4, terminal.ExitCode);
            Assert.Contains("hello-there\r\n", terminal.StdOut);
            Assert.EndsWith("command terminated with exit code 4\r\n", terminal.StdOut);

            // runc's refusal of a program the image lacks, through ExecSync and through the streaming server alike.
            foreach (var stdin in new[] { false, true })
            {
                var lacking = await cluster.KubectlWithInputAsync("", ["exec", .. stdin ? new[] { "-i" } : [], "box", "-c", "main", "--", "nope"]);
                Assert.Equal(1, lacking.ExitCode);
                Assert.Matches("""^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in \$PATH: unknown\n$""", lacking.StdErr);
            }
            var notFound = await cluster.KubectlAsync("exec", "box", "-c", "main", "--", "sh", "-c", "nope");
            Assert.Equal((127, "sh: nope: not found\ncommand terminated with exit code 127\n"), (notFound.ExitCode, notFound.StdErr));

            var missing = await cluster.KubectlAsync("exec", "box", "-c", "nope", "--", "true");
            Assert.Equal("Error from server (BadRequest): container nope is not valid for pod box\n", missing.StdErr);
        }
        finally
        {
            await cluster.KubectlAsync("delete", "pods", "--all", "--wait=true", "--timeout=60s");
            await CriCluster.UntilSandboxesRemovedAsync(Path.Combine(cluster.DataDir, "cri", "pods"));
        }
    }
}
