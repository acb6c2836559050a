using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Tests.Runtime;

public sealed class RuntimeApiTests
{
    [Fact]
    public async Task EachAttemptIsANewContainerWithItsOwnLog()
    {
        using var node = new RuntimeHarness();
        await node.PullAsync("busybox:1.36");
        var pod = RuntimeHarness.Pod();
        var sandbox = await node.Runtime.RunPodSandboxAsync(pod, RuntimeHarness.Token);

        var first = await StartAsync(node, sandbox, pod, new ContainerConfig("app", 0, "busybox:1.36", ["sh", "-c", "echo first; exit 1"], []));
        var second = await StartAsync(node, sandbox, pod, new ContainerConfig("app", 1, "busybox:1.36", ["sh", "-c", "echo second; exit 1"], []));

        Assert.Equal("first", await node.LogAsync(first));
        Assert.Equal("second", await node.LogAsync(second));
        Assert.Equal([0, 1], (await node.Runtime.ListContainersAsync(sandbox, RuntimeHarness.Token)).Select(c => c.Config.Attempt).Order());
    }

    [Fact]
    public async Task ListingBySandboxGivesThatSandboxsContainersOnlyAndNoneOnceItIsRemoved()
    {
        using var node = new RuntimeHarness();
        var web = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: RuntimeHarness.Pod("web"));
        var db = await node.RunAsync("busybox:1.36", ["sleep", "3600"], pod: RuntimeHarness.Pod("db"));
        var webSandbox = (await node.StatusAsync(web)).PodSandboxId;
        var dbSandbox = (await node.StatusAsync(db)).PodSandboxId;

        Assert.Equal([web], (await node.Runtime.ListContainersAsync(webSandbox, RuntimeHarness.Token)).Select(c => c.Id));
        Assert.Equal([db], (await node.Runtime.ListContainersAsync(dbSandbox, RuntimeHarness.Token)).Select(c => c.Id));
        Assert.Equal(new[] { web, db }.Order(), (await node.Runtime.ListContainersAsync(cancellationToken: RuntimeHarness.Token)).Select(c => c.Id).Order());

        await node.Runtime.RemovePodSandboxAsync(webSandbox, RuntimeHarness.Token);
        Assert.Empty(await node.Runtime.ListContainersAsync(webSandbox, RuntimeHarness.Token));
        Assert.Empty(await node.Runtime.ListContainersAsync("no-such-sandbox", RuntimeHarness.Token));
        Assert.Equal([db], (await node.Runtime.ListContainersAsync(cancellationToken: RuntimeHarness.Token)).Select(c => c.Id));
    }

    [Fact]
    public async Task FollowingALogYieldsPastAndNewLinesUntilTheContainerExits()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("echo one; sleep 1; echo two; sleep 1; printf three");
        var lines = node.Runtime.FollowLogAsync(id, RuntimeHarness.Token).GetAsyncEnumerator(RuntimeHarness.Token);

        Assert.True(await lines.MoveNextAsync());
        var first = lines.Current;
        var next = lines.MoveNextAsync();
        Assert.False(next.IsCompleted);
        node.Advance(2);

        Assert.True(await next);
        var second = lines.Current;
        Assert.True(await lines.MoveNextAsync());
        Assert.Equal([("one", false), ("two", false), ("three", true)], new[] { first, second, lines.Current }.Select(l => (l.Text, l.Partial)));
        Assert.False(await lines.MoveNextAsync());
    }

    [Fact]
    public void ALogLineIsWrittenInCrisLogFileFormat()
    {
        var time = new DateTimeOffset(2026, 11, 25, 11, 28, 30, TimeSpan.Zero);

        Assert.Equal("2026-11-25T11:28:30.7457062Z stdout F hello", new LogLine(time.AddTicks(7_457_062), LogStream.Stdout, "hello").ToCriFormat());
        Assert.Equal("2026-11-25T11:28:30.5Z stderr P to-stderr", new LogLine(time.AddMilliseconds(500), LogStream.Stderr, "to-stderr", Partial: true).ToCriFormat());
        Assert.Equal("2026-11-25T11:28:30Z stdout F ", new LogLine(time, LogStream.Stdout, "").ToCriFormat());
    }

    [Fact]
    public async Task AContainerNameAndAttemptCanBeUsedOnlyOncePerSandbox()
    {
        using var node = new RuntimeHarness();
        await node.PullAsync("busybox:1.36");
        var pod = RuntimeHarness.Pod();
        var sandbox = await node.Runtime.RunPodSandboxAsync(pod, RuntimeHarness.Token);
        var config = new ContainerConfig("app", 0, "busybox:1.36", [], []);
        var id = await node.Runtime.CreateContainerAsync(sandbox, config, pod, RuntimeHarness.Token);

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() =>
            node.Runtime.CreateContainerAsync(sandbox, config, pod, RuntimeHarness.Token));

        Assert.Equal(
            $"failed to reserve container name \"app_pod_default_uid-pod_0\": name \"app_pod_default_uid-pod_0\" is reserved for \"{id}\"",
            error.Description);
    }

    [Fact]
    public async Task RemovingAContainerDropsItAndItsLog()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("nginx:1.27");

        await node.Runtime.RemoveContainerAsync(id, RuntimeHarness.Token);

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => node.Runtime.ReadLogAsync(id, RuntimeHarness.Token));
        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
        Assert.Equal($"an error occurred when try to find container \"{id}\": not found", error.Description);
    }

    [Fact]
    public async Task CreatingAContainerFromAnImageNotPulledFailsWithNotFound()
    {
        using var node = new RuntimeHarness();
        var pod = RuntimeHarness.Pod();
        var sandbox = await node.Runtime.RunPodSandboxAsync(pod, RuntimeHarness.Token);

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => node.Runtime.CreateContainerAsync(
            sandbox, new ContainerConfig("app", 0, "nginx:1.27", [], []), pod, RuntimeHarness.Token));

        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task AStatusReportsTheNormalisedImageItsDigestAndTimes()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("nginx:1.27");
        var started = node.Clock.GetUtcNow();

        var status = await node.StatusAsync(id);

        Assert.Matches("^[0-9a-f]{64}$", status.Id);
        Assert.Equal("docker.io/library/nginx:1.27", status.Image);
        Assert.Matches("^docker.io/library/nginx@sha256:[0-9a-f]{64}$", status.ImageRef);
        Assert.Equal((ContainerState.Running, started, (DateTimeOffset?)null), (status.State, status.StartedAt!.Value, status.FinishedAt));
        Assert.StartsWith("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty", await node.LogAsync(id));
    }

    [Fact]
    public async Task AnExecThatOutlivesItsTimeoutFailsWithDeadlineExceeded()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("busybox:1.36", ["sleep", "3600"]);

        var exec = node.Runtime.ExecSyncAsync(id, ["sh", "-c", "sleep 5"], TimeSpan.FromSeconds(1), RuntimeHarness.Token);
        node.Advance(1);

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() => exec);
        Assert.Equal(RuntimeErrorCode.DeadlineExceeded, error.Code);
        Assert.Equal("failed to exec in container: timeout 1s exceeded: context deadline exceeded", error.Description);
    }

    [Fact]
    public async Task AnExecSeesTheContainersEnvironmentAndFiles()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("busybox:1.36", ["sh", "-c", "echo ready > /tmp/state; sleep 3600"],
            configure: c => c with { Env = [new("MODE", "blue")] });

        var result = await node.Runtime.ExecSyncAsync(id, ["sh", "-c", "echo $MODE $(cat /tmp/state)"], TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal(new ExecResult(0, "blue ready\n", ""), result);
    }

    [Fact]
    public async Task AnExecIntoAnExitedContainerFails()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("exit 0");

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() =>
            node.Runtime.ExecSyncAsync(id, ["true"], TimeSpan.FromSeconds(1), RuntimeHarness.Token));

        Assert.Equal("failed to exec in container: container is in CONTAINER_EXITED state", error.Description);
    }

    [Fact]
    public async Task ContainerEventsAreReportedInOrder()
    {
        using var node = new RuntimeHarness();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(RuntimeHarness.Token);
        var events = node.Runtime.GetContainerEventsAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var first = events.MoveNextAsync();

        var id = await node.ShellAsync("sleep 1");
        node.Advance(1);
        await node.Runtime.RemoveContainerAsync(id, RuntimeHarness.Token);

        var seen = new List<ContainerEvent>();
        Assert.True(await first);
        seen.Add(events.Current);
        while (seen.Count < 4 && await events.MoveNextAsync()) seen.Add(events.Current);
        Assert.Equal(
            [ContainerEventType.Created, ContainerEventType.Started, ContainerEventType.Stopped, ContainerEventType.Deleted],
            seen.Select(e => e.Type));
        Assert.All(seen, e => Assert.Equal(id, e.ContainerId));
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task SandboxesGetAddressesFromThePodCidrUntilItIsExhausted()
    {
        using var node = new RuntimeHarness(new SimulatedRuntimeOptions { PodCidr = "10.1.2.0/29" });
        var ips = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = await node.Runtime.RunPodSandboxAsync(RuntimeHarness.Pod("p" + i), RuntimeHarness.Token);
            ips.Add((await node.Runtime.PodSandboxStatusAsync(id, RuntimeHarness.Token)).Ip);
        }

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() =>
            node.Runtime.RunPodSandboxAsync(RuntimeHarness.Pod("full"), RuntimeHarness.Token));

        Assert.Equal(["10.1.2.2", "10.1.2.3", "10.1.2.4", "10.1.2.5", "10.1.2.6"], ips);
        Assert.EndsWith("failed to allocate for range 0: no IP addresses available in range set: 10.1.2.1-10.1.2.6", error.Description);
    }

    [Fact]
    public void AnUnusablePodCidrIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new SimulatedRuntime(TimeProvider.System, new SimulatedRuntimeOptions { PodCidr = "10.1.2.0" }));

        Assert.StartsWith("pod CIDR \"10.1.2.0\" must be an IPv4 CIDR", error.Message);
    }

    static async Task<string> StartAsync(RuntimeHarness node, string sandbox, PodSandboxConfig pod, ContainerConfig config)
    {
        var id = await node.Runtime.CreateContainerAsync(sandbox, config, pod, RuntimeHarness.Token);
        await node.Runtime.StartContainerAsync(id, RuntimeHarness.Token);
        return id;
    }
}
