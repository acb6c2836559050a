using System.Diagnostics;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// `kubectl port-forward` to a pod on `podlife up`'s simulated node: the WebSocket tunnel kubectl 1.31+ asks for first
/// and the SPDY upgrade older ones (and `KUBECTL_PORT_FORWARD_WEBSOCKETS=false`) use, several connections in one
/// session, and a port nothing listens on failing as containerd reports it.
/// </summary>
public sealed class PortForwardTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("websocket")]
    [InlineData("spdy")]
    public async Task RequestsToTheLocalPortReachTheServerInThePod(string transport)
    {
        var pod = $"pf-{transport}";
        Ok(await Cluster.KubectlAsync("run", pod, "--image=nginx", "--port=80"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", $"pod/{pod}", "--timeout=60s"));
        var env = transport == "spdy" ? new Dictionary<string, string> { ["KUBECTL_PORT_FORWARD_WEBSOCKETS"] = "false" } : [];
        using var forward = Cluster.StartKubectlWith(env, "port-forward", $"pod/{pod}", ":80");
        try
        {
            var port = await KubectlPortForward.LocalPortAsync(forward, Token);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            var page = await http.GetStringAsync("/", Token);
            var missing = await http.GetAsync("/nope", Token);
            using var fresh = new HttpClient { BaseAddress = http.BaseAddress };
            var again = await fresh.GetAsync("/", Token);

            Assert.Contains("<title>Welcome to nginx!</title>", page, StringComparison.Ordinal);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
        }
        finally
        {
            forward.Kill();
        }
    }

    [Fact]
    public async Task APortNothingListensOnFailsWithContainerdsMessageAndKubectlGivesUp()
    {
        Ok(await Cluster.KubectlAsync("run", "pf-refused", "--image=nginx"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/pf-refused", "--timeout=60s"));
        using var forward = Cluster.StartKubectl("port-forward", "pod/pf-refused", ":8080");
        var port = await KubectlPortForward.LocalPortAsync(forward, Token);

        using var http = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{port}/", Token));
        await forward.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        var stderr = await forward.StandardError.ReadToEndAsync(Token);

        Assert.Equal(1, forward.ExitCode);
        Assert.Matches(new Regex(
            $"an error occurred forwarding {port} -> 8080: error forwarding port 8080 to pod [0-9a-f]{{64}}, uid : failed to execute portforward in network namespace " +
            Regex.Escape("\\\"/var/run/netns/cni-") + "[0-9a-f-]{36}" + Regex.Escape("\\\": failed to connect to localhost:8080 inside namespace ") +
            ".*" + Regex.Escape("IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused")), stderr);
        Assert.EndsWith("error: lost connection to pod\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APendingPodIsRefusedByKubectlBeforeItAsksTheServer()
    {
        Ok(await Cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: pf-nowhere}
            spec:
              nodeSelector: {disk: none}
              containers: [{name: app, image: nginx}]
            """, "apply", "-f", "-"));

        var refused = await Cluster.KubectlAsync("port-forward", "pod/pf-nowhere", ":80");

        Assert.Equal((1, "error: unable to forward port because pod is not running. Current status=Pending\n"), (refused.ExitCode, refused.StdErr));
    }
}
