using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using k8s;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>`kubectl exec` against `podlife up`: pods/exec over a WebSocket to the simulated node agent's shell.</summary>
public sealed class ExecTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    const string TwoContainers = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: shell
        spec:
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "sleep 3600"]
            env:
            - name: GREETING
              value: hello
          - name: side
            image: busybox:1.36
            command: ["sh", "-c", "sleep 3600"]
        """;

    async Task RunningAsync(string manifest, string pod)
    {
        Ok(await Cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=60s"));
    }

    [Fact]
    public async Task ACommandPrintsWhatItPrintsInTheContainerAndKubectlDefaultsTheContainer()
    {
        await RunningAsync(TwoContainers, "shell");
        var hostname = Ok(await Cluster.KubectlAsync("exec", "shell", "--", "cat", "/etc/hostname"));
        Assert.Equal("shell\n", hostname.StdOut);
        Assert.Equal("Defaulted container \"main\" out of: main, side\n", hostname.StdErr);
        Assert.Contains("GREETING=hello\n", Ok(await Cluster.KubectlAsync("exec", "shell", "-c", "main", "--", "env")).StdOut);
    }

    [Fact]
    public async Task ANonZeroExitCodeIsKubectlsExitCode()
    {
        await RunningAsync(TwoContainers, "shell");
        var r = await Cluster.KubectlAsync("exec", "shell", "-c", "main", "--", "sh", "-c", "echo $HOSTNAME; echo oops >&2; exit 3");
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("shell\n", r.StdOut);
        Assert.Equal("oops\ncommand terminated with exit code 3\n", r.StdErr);
    }

    [Fact]
    public async Task DashCChoosesTheContainer()
    {
        await RunningAsync(TwoContainers, "shell");
        var side = await Cluster.KubectlAsync("exec", "shell", "-c", "side", "--", "printenv", "GREETING");
        Assert.Equal(1, side.ExitCode);
        Assert.Equal("hello\n", Ok(await Cluster.KubectlAsync("exec", "shell", "-c", "main", "--", "printenv", "GREETING")).StdOut);
    }

    [Fact]
    public async Task StdinIsPipedToTheCommand()
    {
        await RunningAsync(TwoContainers, "shell");
        Assert.Equal("hi\nthere\n", Ok(await Cluster.KubectlWithInputAsync("hi\nthere\n", "exec", "-i", "shell", "-c", "main", "--", "cat")).StdOut);
        var script = await Cluster.KubectlWithInputAsync("echo from-script; exit 5\n", "exec", "-i", "shell", "-c", "main", "--", "sh");
        Assert.Equal((5, "from-script\n"), (script.ExitCode, script.StdOut));
    }

    [Fact]
    public async Task DashItRunsAnInteractiveShellOnATerminal()
    {
        await RunningAsync(TwoContainers, "shell");
        // kubectl runs under a pseudo-terminal (util-linux script); what it shows is what the remote terminal echoes.
        var env = Cluster.Environment();
        var r = await ProcessRunner.RunAsync("script", ["-q", "-e", "-c", "kubectl exec -it shell -c main -- sh", "/dev/null"], env,
            "echo $GREETING\ncd /tmp; pwd\nexit 4\n", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(4, r.ExitCode);
        // The terminal echoes typed-ahead lines at once (canonical mode, as under dash), so only the shell's part is in order.
        var shown = r.StdOut[r.StdOut.IndexOf("/ # ", StringComparison.Ordinal)..];
        Assert.Contains("hello\r\n", shown);
        Assert.Contains("/tmp\r\n", shown);
        Assert.Contains("/tmp # ", shown); // the prompt follows the working directory
        Assert.EndsWith("command terminated with exit code 4\r\n", shown);
    }

    [Fact]
    public async Task ErrorsAreKubectlsWords()
    {
        const string manifest = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: nowhere
            spec:
              nodeSelector: {disk: none}
              containers:
              - name: main
                image: busybox:1.36
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: nopull
            spec:
              containers:
              - name: app
                image: busybox:doesnotexist
            """;
        await RunningAsync(TwoContainers, "shell");
        Ok(await Cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ErrImagePull", "pod/nopull", "--timeout=60s"));

        var missing = await Cluster.KubectlAsync("exec", "shell", "-c", "nope", "--", "true");
        Assert.Equal((1, "Error from server (BadRequest): container nope is not valid for pod shell\n"), (missing.ExitCode, missing.StdErr));
        var unscheduled = await Cluster.KubectlAsync("exec", "nowhere", "--", "true");
        Assert.Equal((1, "Error from server (BadRequest): pod nowhere does not have a host assigned\n"), (unscheduled.ExitCode, unscheduled.StdErr));
        var waiting = await Cluster.KubectlAsync("exec", "nopull", "--", "true");
        Assert.Equal((1, "error: Internal error occurred: unable to upgrade connection: container not found (\"app\")\n"), (waiting.ExitCode, waiting.StdErr));
        var raw = await Cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/shell/exec?command=true&stdout=true&container=main");
        Assert.Equal("Error from server (BadRequest): Upgrade request required\n", raw.StdErr);
    }

    [Fact]
    public async Task AProgramTheImageLacksFailsAsOnRuncAndTheShellSaysNotFound()
    {
        await RunningAsync(TwoContainers, "shell");
        // The same words as ExecCriTests gets from containerd and runc (the exec id differs).
        foreach (var stdin in new[] { false, true })
        {
            var missing = await Cluster.KubectlAsync(["exec", .. stdin ? new[] { "-i" } : [], "shell", "-c", "main", "--", "nope"]);
            Assert.Equal(1, missing.ExitCode);
            Assert.Matches("""^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in \$PATH: unknown\n$""", missing.StdErr);
        }
        var shell = await Cluster.KubectlAsync("exec", "shell", "-c", "main", "--", "sh", "-c", "nope");
        Assert.Equal((127, "sh: nope: not found\ncommand terminated with exit code 127\n"), (shell.ExitCode, shell.StdErr));
    }

    [Fact]
    public async Task AnAnswerWaitsUntilTheClientCanHaveSetUpItsStreamsOrHasSpoken()
    {
        // client-go sets up its streams only after the upgrade and drops what comes before (a failing exec then ended
        // in "error: closed all streams"); the simulated node fails at once, so the server holds its answer.
        await RunningAsync(TwoContainers, "shell");
        using var client = Cluster.Client();
        var ct = TestContext.Current.CancellationToken;

        var (silentStatus, silentAfter) = await ExecStatusAsync(client, stdin: false, ct);
        Assert.Contains("executable file not found", silentStatus, StringComparison.Ordinal);
        Assert.True(silentAfter >= TimeSpan.FromMilliseconds(50), $"the Status came {silentAfter.TotalMilliseconds} ms after the upgrade");

        // A client that closes its stdin (v5) has its streams: its answer need not wait, and is the same.
        var (spokenStatus, _) = await ExecStatusAsync(client, stdin: true, ct);
        Assert.Equal(silentStatus.Length, spokenStatus.Length);
    }

    // Runs the program the image lacks over a raw v5 WebSocket and returns the error channel's Status and when it came.
    static async Task<(string Status, TimeSpan After)> ExecStatusAsync(IKubernetes client, bool stdin, CancellationToken ct)
    {
        using var socket = await client.WebSocketNamespacedPodExecAsync("shell", "default", ["nope"], "main",
            stderr: true, stdin: stdin, stdout: true, tty: false, webSocketSubProtocol: "v5.channel.k8s.io", cancellationToken: ct);
        var opened = Stopwatch.StartNew();
        if (stdin) await socket.SendAsync(new byte[] { 255, 0 }, WebSocketMessageType.Binary, true, ct);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var message = await socket.ReceiveAsync(buffer, ct);
            Assert.NotEqual(WebSocketMessageType.Close, message.MessageType);
            Assert.True(message.EndOfMessage);
            if (message.Count > 0 && buffer[0] == 3) return (Encoding.UTF8.GetString(buffer, 1, message.Count - 1), opened.Elapsed);
        }
    }

    [Fact]
    public async Task TheOfficialClientExecsOverItsWebSocket()
    {
        await RunningAsync(TwoContainers, "shell");
        using var client = Cluster.Client();
        var output = new StringBuilder();
        var code = await client.NamespacedPodExecAsync("shell", "default", "main", ["sh", "-c", "echo $GREETING; exit 2"], false,
            async (stdin, stdout, stderr) =>
            {
                using var reader = new StreamReader(stdout);
                output.Append(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
            }, TestContext.Current.CancellationToken);
        Assert.Equal((2, "hello\n"), (code, output.ToString()));
    }

    [Fact]
    public async Task KubectlCpCopiesFilesAndDirectoriesBothWaysThroughTheContainersTar()
    {
        await RunningAsync(TwoContainers, "shell");
        var local = Directory.CreateTempSubdirectory("podlife-cp-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(local, "up", "sub"));
            File.WriteAllText(Path.Combine(local, "up", "a.txt"), "hello\n");
            File.WriteAllText(Path.Combine(local, "up", "sub", "b.txt"), "grüße\n");

            Ok(await Cluster.KubectlAsync("cp", Path.Combine(local, "up", "a.txt"), "shell:/tmp/a.txt", "-c", "main"));
            Assert.Equal("hello\n", Ok(await Cluster.KubectlAsync("exec", "shell", "-c", "main", "--", "cat", "/tmp/a.txt")).StdOut);
            Ok(await Cluster.KubectlAsync("cp", Path.Combine(local, "up"), "shell:/tmp/up", "-c", "main"));
            Assert.Equal("grüße\n", Ok(await Cluster.KubectlAsync("exec", "shell", "-c", "main", "--", "cat", "/tmp/up/sub/b.txt")).StdOut);

            // (busybox tar's "removing leading '/'" notice may or may not reach kubectl's stderr before it exits, as from a real pod)
            Ok(await Cluster.KubectlAsync("cp", "shell:/tmp/up", Path.Combine(local, "down"), "-c", "main"));
            Assert.Equal("hello\n", File.ReadAllText(Path.Combine(local, "down", "a.txt")));
            Assert.Equal("grüße\n", File.ReadAllText(Path.Combine(local, "down", "sub", "b.txt")));
            Ok(await Cluster.KubectlAsync("cp", "shell:/etc/hostname", Path.Combine(local, "hostname"), "-c", "main"));
            Assert.Equal("shell\n", File.ReadAllText(Path.Combine(local, "hostname")));
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task DiscoveryListsPodsExec()
    {
        var r = Ok(await Cluster.KubectlAsync("get", "--raw", "/api/v1"));
        Assert.Contains("{\"name\":\"pods/exec\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"PodExecOptions\",\"verbs\":[\"create\",\"get\"]}", r.StdOut);
    }
}
