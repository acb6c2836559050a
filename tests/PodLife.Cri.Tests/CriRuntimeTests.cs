using PodLife.Node.Cri;
using PodLife.Node.Runtime;

namespace PodLife.Cri.Tests;

/// <summary>The CRI runtime against real containerd and runc: sandboxes, images, exit codes, OOM, exec, stop and logs.</summary>
public sealed class CriRuntimeTests(ContainerdFixture fixture) : IAsyncDisposable
{
    readonly CriRuntime _runtime = fixture.NewRuntime();
    readonly List<string> _sandboxes = [];

    static CancellationToken Token => TestContext.Current.CancellationToken;

    async Task<(string Id, PodSandboxConfig Config)> SandboxAsync(string name)
    {
        var config = new PodSandboxConfig(name, "default", Guid.NewGuid().ToString());
        var id = await _runtime.RunPodSandboxAsync(config, Token);
        _sandboxes.Add(id);
        return (id, config);
    }

    async Task<string> RunAsync(string sandbox, PodSandboxConfig config, ContainerConfig container)
    {
        await _runtime.PullImageAsync(container.Image, Token);
        var id = await _runtime.CreateContainerAsync(sandbox, container, config, Token);
        await _runtime.StartContainerAsync(id, Token);
        return id;
    }

    static ContainerConfig Shell(string name, string script, int attempt = 0) => new(name, attempt, "busybox:latest", ["sh", "-c", script], []);

    async Task<ContainerStatus> ExitedAsync(string id, double seconds = 20)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); DateTime.UtcNow < deadline; await Task.Delay(100, Token))
        {
            var status = await _runtime.ContainerStatusAsync(id, Token);
            if (status.State == ContainerState.Exited) return status;
        }
        throw new Xunit.Sdk.XunitException($"container {id} did not exit within {seconds}s");
    }

    [Fact]
    public async Task A_sandbox_gets_an_ip_on_the_node_bridge_and_its_hostname_is_the_pod_name()
    {
        var (sandbox, config) = await SandboxAsync("hostname-pod");
        var status = await _runtime.PodSandboxStatusAsync(sandbox, Token);
        Assert.StartsWith("10.88.", status.Ip, StringComparison.Ordinal);
        Assert.Equal(PodSandboxState.Ready, status.State);

        var id = await RunAsync(sandbox, config, Shell("main", "sleep 30"));
        var exec = await _runtime.ExecSyncAsync(id, ["cat", "/etc/hostname"], TimeSpan.FromSeconds(5), Token);
        Assert.Equal((0, "hostname-pod"), (exec.ExitCode, exec.Stdout.Trim()));
        var failing = await _runtime.ExecSyncAsync(id, ["sh", "-c", "echo oops >&2; exit 7"], TimeSpan.FromSeconds(5), Token);
        Assert.Equal((7, "oops\n"), (failing.ExitCode, failing.Stderr));
    }

    [Fact]
    public async Task An_exit_code_is_reported_with_reason_Error_and_both_streams_are_in_the_CRI_log()
    {
        var (sandbox, config) = await SandboxAsync("exit3");
        var id = await RunAsync(sandbox, config, Shell("main", "echo hello; echo to-stderr >&2; exit 3"));

        var status = await ExitedAsync(id);

        Assert.Equal((3, "Error"), (status.ExitCode, status.Reason));
        Assert.Equal(("main", 0, sandbox), (status.Config.Name, status.Config.Attempt, status.PodSandboxId));
        // containerd may stamp a quick exit's finish before its start; the runtime never reports it that way round.
        Assert.True(status.StartedAt <= status.FinishedAt);
        var log = await _runtime.ReadLogAsync(id, Token);
        // stdout and stderr are separate pipes: their relative order in the log is not defined, only each one's own.
        Assert.Equal([(LogStream.Stdout, "hello"), (LogStream.Stderr, "to-stderr")], log.Select(l => (l.Stream, l.Text)).OrderBy(l => l.Stream));
        Assert.True(File.Exists(Path.Combine(fixture.PodLogs, $"default_exit3_{config.Uid}", "main", "0.log")));
    }

    [Fact]
    public async Task A_container_over_its_memory_limit_is_OOMKilled_with_137()
    {
        var (sandbox, config) = await SandboxAsync("oom");
        var id = await RunAsync(sandbox, config, Shell("hog", "tail /dev/zero") with { MemoryLimitBytes = 32 * 1024 * 1024 });

        var status = await ExitedAsync(id, 60);

        Assert.Equal((137, "OOMKilled"), (status.ExitCode, status.Reason));
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_first_and_SIGKILL_only_after_the_timeout()
    {
        var (sandbox, config) = await SandboxAsync("stop");
        var graceful = await RunAsync(sandbox, config, Shell("graceful", "trap 'echo got TERM; exit 143' TERM; while true; do sleep 0.1; done"));
        var stubborn = await RunAsync(sandbox, config, Shell("stubborn", "trap '' TERM; while true; do sleep 0.1; done"));
        await Task.Delay(300, Token);

        var started = DateTime.UtcNow;
        await _runtime.StopContainerAsync(graceful, TimeSpan.FromSeconds(10), Token);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        var first = await _runtime.ContainerStatusAsync(graceful, Token);
        Assert.Equal(143, first.ExitCode);
        Assert.Contains("got TERM", (await _runtime.ReadLogAsync(graceful, Token)).Select(l => l.Text));

        started = DateTime.UtcNow;
        await _runtime.StopContainerAsync(stubborn, TimeSpan.FromSeconds(1), Token);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1));
        Assert.Equal(137, (await _runtime.ContainerStatusAsync(stubborn, Token)).ExitCode);
    }

    // A deleted pod's container and log directory go as soon as it stops, often before the follower's next poll.
    [Fact]
    public async Task A_followed_log_keeps_the_last_lines_of_a_container_removed_with_its_pod()
    {
        var (sandbox, config) = await SandboxAsync("follow-gone");
        var id = await RunAsync(sandbox, config, Shell("main", "trap 'echo last; printf partial; exit 0' TERM; echo first; while true; do sleep 0.1; done"));
        await using var follow = _runtime.FollowLogAsync(id, Token).GetAsyncEnumerator(Token);
        Assert.True(await follow.MoveNextAsync());
        Assert.Equal("first", follow.Current.Text);

        // The follower waits in its poll while the container writes its last lines, exits, and is removed with its pod.
        await _runtime.StopContainerAsync(id, TimeSpan.FromSeconds(10), Token);
        await _runtime.StopPodSandboxAsync(sandbox, Token);
        await _runtime.RemovePodSandboxAsync(sandbox, Token);
        _sandboxes.Remove(sandbox);
        Assert.False(Directory.Exists(Path.Combine(fixture.PodLogs, $"default_follow-gone_{config.Uid}")));

        var rest = new List<string>();
        while (await follow.MoveNextAsync()) rest.Add(follow.Current.Text);
        Assert.Equal(["last", "partial"], rest);
    }

    [Fact]
    public async Task A_missing_tag_fails_the_pull_with_NotFound_from_the_registry()
    {
        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() => _runtime.PullImageAsync("docker.io/library/busybox:doesnotexist", Token));

        Assert.Equal(RuntimeErrorCode.NotFound, e.Code);
        Assert.StartsWith("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/busybox:doesnotexist\"", e.Message, StringComparison.Ordinal);
        Assert.Null(await _runtime.ImageStatusAsync("docker.io/library/busybox:doesnotexist", Token));
    }

    [Fact]
    public async Task The_nginx_image_answers_http_on_the_pod_ip_and_a_closed_port_is_refused()
    {
        using var network = new HostPodNetwork();
        var (_, ip, ok) = await NginxAnsweringAsync("web", network);

        Assert.Equal(200, ok?.StatusCode);
        Assert.Contains("Welcome to nginx!", ok?.Body, StringComparison.Ordinal);
        var refused = await network.HttpGetAsync(ip, 8081, "/", TimeSpan.FromSeconds(1), Token);
        Assert.Equal($"Get \"http://{ip}:8081/\": dial tcp {ip}:8081: connect: connection refused", refused.Error);
        Assert.Null(await network.TcpConnectAsync(ip, 80, TimeSpan.FromSeconds(1), Token));
    }

    [Fact]
    public async Task Port_forward_reaches_the_nginx_image_through_containerds_streaming_server_and_a_closed_port_fails_as_it_says()
    {
        using var network = new HostPodNetwork();
        var (sandbox, _, _) = await NginxAnsweringAsync("forwarded", network);

        var connection = await _runtime.PortForwardAsync(sandbox, 80, Token);
        await connection.Output.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), Token);
        await connection.Output.CompleteAsync();
        var answer = await ReadAllAsync(connection.Input);

        Assert.StartsWith("HTTP/1.1 200 OK", answer, StringComparison.Ordinal);
        Assert.Contains("Welcome to nginx!", answer, StringComparison.Ordinal);

        var closed = await _runtime.PortForwardAsync(sandbox, 8081, Token);
        await closed.Output.CompleteAsync();
        var e = await Assert.ThrowsAsync<PodLife.Core.Streaming.PortForwardException>(() => ReadAllAsync(closed.Input));
        Assert.Matches($"^error forwarding port 8081 to pod {sandbox}, uid : .*connection refused", e.Message);
    }

    // A sandbox running the nginx image, once its server answers (or 5 s have passed): its id, IP and last answer.
    async Task<(string Sandbox, string Ip, HttpGetResult? Answer)> NginxAnsweringAsync(string name, HostPodNetwork network)
    {
        var (sandbox, config) = await SandboxAsync(name);
        await RunAsync(sandbox, config, new ContainerConfig("web", 0, "nginx:1.27", [], []));
        var ip = (await _runtime.PodSandboxStatusAsync(sandbox, Token)).Ip;
        HttpGetResult? answer = null;
        for (var i = 0; i < 50 && answer?.StatusCode != 200; i++, await Task.Delay(100, Token))
        {
            answer = await network.HttpGetAsync(ip, 80, "/", TimeSpan.FromSeconds(1), Token);
        }
        return (sandbox, ip, answer);
    }

    static async Task<string> ReadAllAsync(System.IO.Pipelines.PipeReader reader)
    {
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var read = await reader.ReadAsync(Token).AsTask().WaitAsync(TimeSpan.FromSeconds(20), Token);
            foreach (var segment in read.Buffer) text.Append(System.Text.Encoding.UTF8.GetString(segment.Span));
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted) return text.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sandboxes)
        {
            await _runtime.StopPodSandboxAsync(id);
            await _runtime.RemovePodSandboxAsync(id);
        }
        _runtime.Dispose();
    }
}
