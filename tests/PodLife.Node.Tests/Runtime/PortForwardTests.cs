using System.IO.Pipelines;
using System.Text;
using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

/// <summary>A port-forward connection into a simulated pod: HTTP/1.1 to the server listening there, or the dial error.</summary>
public sealed class PortForwardTests
{
    [Fact]
    public async Task RequestsOnOneConnectionAreAnsweredInTurnUntilTheClientAsksToClose()
    {
        using var node = new RuntimeHarness();
        var sandbox = await SandboxRunningAsync(node, "nginx:1.27");
        var connection = await node.Runtime.PortForwardAsync(sandbox, 80, RuntimeHarness.Token);

        await connection.Output.WriteAsync(Encoding.ASCII.GetBytes(
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n" +
            "POST /missing HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" +
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello" +
            "HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" +
            "GET / HTTP/1.1\r\n\r\n"), RuntimeHarness.Token);
        var answer = await ReadAllAsync(connection.Input);

        // nginx serves a static file to GET and HEAD only.
        var statuses = System.Text.RegularExpressions.Regex.Matches(answer, "HTTP/1\\.1 [0-9]{3} [A-Za-z ]+(?=\r\n)").Select(m => m.Value).ToList();
        Assert.Equal(["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 405 Not Allowed", "HTTP/1.1 200 OK"], statuses);
        Assert.Contains("<center><h1>405 Not Allowed</h1></center>", answer, StringComparison.Ordinal);
        Assert.Single(answer.Split("<title>Welcome to nginx!</title>").Skip(1));
        Assert.EndsWith("Connection: close\r\n\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APortNothingListensOnIsRefusedAsContainerdWordsIt()
    {
        using var node = new RuntimeHarness();
        var sandbox = await SandboxRunningAsync(node, "nginx:1.27");

        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => node.Runtime.PortForwardAsync(sandbox, 8080, RuntimeHarness.Token));

        Assert.StartsWith($"error forwarding port 8080 to pod {sandbox}, uid : failed to execute portforward in network namespace \"/var/run/netns/cni-", e.Description, StringComparison.Ordinal);
        Assert.EndsWith("IPv4: dial tcp4 127.0.0.1:8080: connect: connection refused IPv6 dial tcp6 [::1]:8080: connect: connection refused ", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatSpeaksNoHttpClosesTheConnectionAtTheFirstRequest()
    {
        using var node = new RuntimeHarness();
        var sandbox = await SandboxRunningAsync(node, "redis:7");
        var connection = await node.Runtime.PortForwardAsync(sandbox, 6379, RuntimeHarness.Token);

        await connection.Output.WriteAsync("GET / HTTP/1.1\r\n\r\n"u8.ToArray(), RuntimeHarness.Token);

        Assert.Equal("", await ReadAllAsync(connection.Input));
    }

    static async Task<string> SandboxRunningAsync(RuntimeHarness node, string image)
    {
        await node.RunAsync(image);
        return (await node.Runtime.ListPodSandboxesAsync(RuntimeHarness.Token)).Single().Id;
    }

    static async Task<string> ReadAllAsync(PipeReader reader)
    {
        var text = new StringBuilder();
        while (true)
        {
            var read = await reader.ReadAsync(RuntimeHarness.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10), RuntimeHarness.Token);
            foreach (var segment in read.Buffer) text.Append(Encoding.UTF8.GetString(segment.Span));
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) return text.ToString();
        }
    }
}
