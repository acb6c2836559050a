using System.Text;
using k8s;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// `kubectl attach` and `kubectl run -i` against `podlife up`: pods/attach over a WebSocket to the main process of a
/// simulated container, its output from the moment of attaching and its stdin when the container keeps one open.
/// </summary>
public sealed class AttachTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    static string Pod(string name, string script) => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "{{script}}"]
        """;

    async Task RunningAsync(string name, string script)
    {
        Ok(await Cluster.KubectlWithInputAsync(Pod(name, script), "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", $"pod/{name}", "--timeout=60s"));
    }

    [Fact]
    public async Task KubectlAttachShowsWhatTheContainerWritesUntilItExits()
    {
        // Written before kubectl attaches: not shown, as from containerd.
        await RunningAsync("ticker", "echo early; sleep 6; echo one; echo two >&2; sleep 1; echo three");

        var r = Ok(await Cluster.KubectlAsync("attach", "ticker"));

        Assert.Equal("one\nthree\n", r.StdOut);
        Assert.Equal("If you don't see a command prompt, try pressing enter.\ntwo\n", r.StdErr);
        Assert.Equal("early\none\ntwo\nthree\n", Ok(await Cluster.KubectlAsync("logs", "ticker")).StdOut);
    }

    [Fact]
    public async Task KubectlRunDashIRmRunsWhatStdinSaysAndDeletesThePod()
    {
        var r = Ok(await Cluster.KubectlWithInputAsync("echo from-$HOSTNAME\nexit 0\n",
            "run", "-i", "--rm", "scripted", "--image=busybox:1.36", "--restart=Never", "--", "sh"));

        Assert.StartsWith("from-scripted\n", r.StdOut, StringComparison.Ordinal);
        Assert.Contains("pod \"scripted\" deleted", r.StdOut, StringComparison.Ordinal);
        var gone = await Cluster.KubectlAsync("get", "pod", "scripted");
        Assert.Equal("Error from server (NotFound): pods \"scripted\" not found\n", gone.StdErr);
    }

    [Fact]
    public async Task KubectlRunDashItGivesAnInteractiveShellWhoseExitCodeIsKubectls()
    {
        // kubectl runs under a pseudo-terminal (util-linux script); what it shows is what the container's terminal echoes.
        var r = await ProcessRunner.RunAsync("script",
            ["-q", "-e", "-c", "kubectl run -it interactive --image=busybox:1.36 --restart=Never -- sh", "/dev/null"],
            Cluster.Environment(), "echo hi-$HOSTNAME\nexit 3\n", TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(3, r.ExitCode);
        Assert.Contains("hi-interactive\r\n", r.StdOut, StringComparison.Ordinal);
        Assert.EndsWith("pod default/interactive terminated (Error)\r\n", r.StdOut, StringComparison.Ordinal);
        var pod = Ok(await Cluster.KubectlAsync("get", "pod", "interactive", "-o", "jsonpath={.spec.containers[0].stdin} {.spec.containers[0].tty} {.status.containerStatuses[0].state.terminated.exitCode}"));
        Assert.Equal("true true 3", pod.StdOut);
    }

    [Fact]
    public async Task ErrorsAreKubeApiserversWords()
    {
        await RunningAsync("sleeper", "sleep 3600");

        var container = await Cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/sleeper/attach?container=nope&stdout=true");
        Assert.Equal("Error from server (BadRequest): container nope is not valid for pod sleeper\n", container.StdErr);
        var upgrade = await Cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/sleeper/attach?stdout=true");
        Assert.Equal("Error from server (BadRequest): Upgrade request required\n", upgrade.StdErr);
        var streams = await Cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/sleeper/attach");
        Assert.Equal("Error from server (BadRequest): you must specify at least 1 of stdin, stdout, stderr\n", streams.StdErr);
    }

    [Fact]
    public async Task TheOfficialClientAttachesOverItsWebSocket()
    {
        await RunningAsync("client-attach", "sleep 4; echo hello-client");
        using var client = Cluster.Client();
        var ct = TestContext.Current.CancellationToken;

        // The client names the v4 channel protocol, as its exec helper does; the legacy channel.k8s.io, which a request
        // without a protocol would get from kube-apiserver, is not served.
        using var socket = await client.WebSocketNamespacedPodAttachAsync("client-attach", "default", "main",
            stderr: true, stdin: false, stdout: true, tty: false, webSocketSubProtocol: WebSocketProtocol.V4BinaryWebsocketProtocol, cancellationToken: ct);
        using var demuxer = new StreamDemuxer(socket);
        demuxer.Start();
        using var stdout = new StreamReader(demuxer.GetStream(ChannelIndex.StdOut, null));
        var output = new StringBuilder();
        while (await stdout.ReadLineAsync(ct) is { } line)
        {
            output.Append(line).Append('\n');
            if (line == "hello-client") break;
        }

        Assert.Equal("hello-client\n", output.ToString());
    }

    [Fact]
    public async Task DiscoveryListsPodsAttach()
    {
        var r = Ok(await Cluster.KubectlAsync("get", "--raw", "/api/v1"));
        Assert.Contains("{\"name\":\"pods/attach\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"PodAttachOptions\",\"verbs\":[\"create\",\"get\"]}", r.StdOut);
    }
}
