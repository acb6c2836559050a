using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

public sealed class ContainerLifecycleTests
{
    const string Healthy = "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600";

    [Fact]
    public async Task TheLivenessExampleIsHealthyForThirtySecondsThenItsExecProbeFails()
    {
        // kubernetes.io "Configure Liveness, Readiness and Startup Probes": exec-liveness.yaml.
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("registry.k8s.io/busybox:1.27.2", args: ["/bin/sh", "-c", Healthy]);
        string[] probe = ["cat", "/tmp/healthy"];

        var results = new List<(int Second, ExecResult Result)>();
        for (var second = 5; second <= 40; second += 5)
        {
            node.Advance(5);
            results.Add((second, await node.Runtime.ExecSyncAsync(id, probe, TimeSpan.FromSeconds(1), RuntimeHarness.Token)));
        }

        Assert.All(results.Where(r => r.Second < 30), r => Assert.Equal(new ExecResult(0, "", ""), r.Result));
        Assert.All(results.Where(r => r.Second >= 30), r => Assert.Equal(
            new ExecResult(1, "", "cat: can't open '/tmp/healthy': No such file or directory\n"), r.Result));
        Assert.Equal(ContainerState.Running, (await node.StatusAsync(id)).State);
    }

    [Fact]
    public async Task TheLivenessExampleIsKilledAtTheEndOfTheGracePeriodBecauseItsShellIsPid1()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("registry.k8s.io/busybox:1.27.2", args: ["/bin/sh", "-c", Healthy]);

        var stop = node.Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(30), RuntimeHarness.Token);
        node.Advance(29);
        Assert.Equal(ContainerState.Running, (await node.StatusAsync(id)).State);
        node.Advance(1);
        await stop;

        var status = await node.StatusAsync(id);
        Assert.Equal((ContainerState.Exited, 137, ContainerReasons.Error), (status.State, status.ExitCode, status.Reason));
    }

    // Exit codes on stop: PID 1 without a handler ignores SIGTERM (kernel rule for a PID namespace's init), so
    // sleep and sh wait for SIGKILL (137); with shareProcessNamespace the pause process is PID 1 and SIGTERM's
    // default action kills at once (143); servers with handlers exit 0 (nginx, redis, pause). A trap runs only
    // after the foreground command, hence the `sleep & wait` idiom.
    [Theory]
    [InlineData("nginx:1.27", null, false, 0, 0)]
    [InlineData("redis:7", null, false, 0, 0)]
    [InlineData("registry.k8s.io/pause:3.9", null, false, 0, 0)]
    [InlineData("httpd:2.4", null, false, 0, 0)]
    [InlineData("busybox:1.36", "sleep 600", false, 137, 30)]
    [InlineData("busybox:1.36", "sh -c|sleep 600", false, 137, 30)]
    [InlineData("busybox:1.36", "sh -c|echo start; sleep 600", false, 137, 30)]
    [InlineData("busybox:1.36", "sh -c|while true; do sleep 1; done", false, 137, 30)]
    [InlineData("busybox:1.36", "tail -f /dev/null", false, 137, 30)]
    [InlineData("busybox:1.36", "sleep 600", true, 143, 0)]
    [InlineData("busybox:1.36", "sh -c|echo start; sleep 600", true, 143, 0)]
    [InlineData("busybox:1.36", "sh -c|trap 'exit 0' TERM; sleep 600 & wait", false, 0, 0)]
    [InlineData("busybox:1.36", "sh -c|trap 'echo bye; exit 3' TERM; sleep 600 & wait", false, 3, 0)]
    [InlineData("busybox:1.36", "sh -c|trap 'exit 0' TERM; sleep 600", false, 137, 30)]
    [InlineData("nginx:1.27", "sh -c|nginx -g 'daemon off;'", false, 0, 0)]
    [InlineData("nginx:1.27", "sh -c|echo start; exec nginx -g 'daemon off;'", false, 0, 0)]
    public async Task StoppingSendsSigtermThenSigkillAfterTheGracePeriod(
        string image, string? command, bool shareProcessNamespace, int exitCode, int seconds)
    {
        using var node = new RuntimeHarness();
        string[]? argv = command?.Split('|') is { } parts ? [.. parts[0].Split(' '), .. parts.Skip(1)] : null;
        var id = await node.RunAsync(image, argv, pod: RuntimeHarness.Pod(shareProcessNamespace: shareProcessNamespace));
        var stopAt = node.Clock.GetUtcNow();

        var stop = node.Runtime.StopContainerAsync(id, TimeSpan.FromSeconds(30), RuntimeHarness.Token);
        node.Advance(30);
        await stop;

        var status = await node.StatusAsync(id);
        Assert.Equal(exitCode, status.ExitCode);
        Assert.Equal(exitCode == 0 ? ContainerReasons.Completed : ContainerReasons.Error, status.Reason);
        Assert.Equal(stopAt + TimeSpan.FromSeconds(seconds), status.FinishedAt);
    }

    [Fact]
    public async Task StoppingWithAZeroTimeoutKillsAtOnce()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("nginx:1.27");

        await node.Runtime.StopContainerAsync(id, TimeSpan.Zero, RuntimeHarness.Token);

        Assert.Equal(137, (await node.StatusAsync(id)).ExitCode);
    }

    // kubernetes.io "Assign Memory Resources to Containers": memory-request-limit-2 (250M against a 100Mi limit) is
    // OOMKilled; memory-request-limit (150M against 200Mi) keeps running. `tail /dev/zero` reads an endless line.
    [Theory]
    [InlineData("stress --vm 1 --vm-bytes 250M --vm-hang 1", 100, true)]
    [InlineData("stress --vm 1 --vm-bytes 150M --vm-hang 1", 200, false)]
    [InlineData("tail /dev/zero", 32, true)]
    public async Task AContainerUsingMoreMemoryThanItsLimitIsOomKilled(string command, long limitMi, bool oomKilled)
    {
        using var node = new RuntimeHarness();
        var parts = command.Split(' ');
        var id = await node.RunAsync("polinux/stress", [parts[0]], [.. parts.Skip(1)], c => c with { MemoryLimitBytes = limitMi << 20 });

        node.Advance(10);

        var status = await node.StatusAsync(id);
        if (oomKilled)
        {
            Assert.Equal((ContainerState.Exited, 137, ContainerReasons.OomKilled), (status.State, status.ExitCode, status.Reason));
        }
        else
        {
            Assert.Equal(ContainerState.Running, status.State);
        }
    }

    // kubernetes.io "Define a Command and Arguments for a Container", the notes table.
    [Theory]
    [InlineData(new string[0], new string[0], "/ep-1 foo bar")]
    [InlineData(new[] { "/ep-2" }, new string[0], "/ep-2")]
    [InlineData(new string[0], new[] { "zoo", "boo" }, "/ep-1 zoo boo")]
    [InlineData(new[] { "/ep-2" }, new[] { "zoo", "boo" }, "/ep-2 zoo boo")]
    public void CommandReplacesTheEntrypointAndArgsReplaceTheCmd(string[] command, string[] args, string expected)
    {
        var argv = PodLife.Node.Runtime.Simulated.Processes.ProcessArgs.Resolve(["/ep-1"], ["foo", "bar"], command, args);

        Assert.Equal(expected, string.Join(' ', argv));
    }

    [Theory]
    [InlineData("busybox:1.36", false, ContainerState.Exited)]
    [InlineData("busybox:1.36", true, ContainerState.Running)]
    [InlineData("ubuntu:22.04", false, ContainerState.Exited)]
    [InlineData("python:3.12-slim", false, ContainerState.Exited)]
    [InlineData("nginx:1.27", false, ContainerState.Running)]
    public async Task AnImagesDefaultShellExitsAtOnceUnlessStdinIsKeptOpen(string image, bool stdin, ContainerState state)
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync(image, configure: c => c with { Stdin = stdin });

        node.Advance(1);

        var status = await node.StatusAsync(id);
        Assert.Equal(state, status.State);
        Assert.Equal(0, status.ExitCode);
    }

    [Fact]
    public async Task TheJobExamplesPerlOneLinerCompletes()
    {
        // kubernetes.io "Jobs": job.yaml computes pi with perl:5.34.0.
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("perl:5.34.0", ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]);

        node.Advance(2);

        var status = await node.StatusAsync(id);
        Assert.Equal((ContainerState.Exited, 0, ContainerReasons.Completed), (status.State, status.ExitCode, status.Reason));
    }

    [Fact]
    public async Task PostgresWithoutAPasswordExitsWithItsEntrypointsError()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("postgres:16");

        var status = await node.StatusAsync(id);

        Assert.Equal((ContainerState.Exited, 1), (status.State, status.ExitCode));
        Assert.StartsWith("Error: Database is uninitialized and superuser password is not specified.", await node.LogAsync(id));
    }

    [Fact]
    public async Task TheTerminationMessageFileIsReportedAtExit()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("busybox:1.36", ["sh", "-c", "echo -n 'disk full' > /dev/termination-log; exit 2"],
            configure: c => c with { TerminationMessagePath = "/dev/termination-log" });

        var status = await node.StatusAsync(id);

        Assert.Equal((2, ContainerReasons.Error, "disk full"), (status.ExitCode, status.Reason, status.Message));
    }
}
