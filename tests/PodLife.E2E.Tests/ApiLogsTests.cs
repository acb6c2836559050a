using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>`kubectl logs` against `podlife up`: pods/log reads the simulated node agents' container logs.</summary>
public sealed class ApiLogsTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    static string Pod(string name, string restartPolicy, params (string Name, string Script)[] containers) =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  restartPolicy: {restartPolicy}\n  containers:\n"
        + string.Concat(containers.Select(c => $"  - name: {c.Name}\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"{c.Script}\"]\n"));

    async Task RunAsync(string manifest, string waitFor, string pod)
    {
        Ok(await Cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", waitFor, $"pod/{pod}", "--timeout=60s"));
    }

    [Fact]
    public async Task LogsTailTimestampsAndLimitBytesShowWhatTheContainerPrinted()
    {
        await RunAsync(Pod("talk", "Never", ("main", "echo one; echo two; echo three")), "--for=jsonpath={.status.phase}=Succeeded", "talk");
        Assert.Equal("one\ntwo\nthree\n", Ok(await Cluster.KubectlAsync("logs", "talk")).StdOut);
        Assert.Equal("three\n", Ok(await Cluster.KubectlAsync("logs", "talk", "--tail=1")).StdOut);
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z three\n$"), Ok(await Cluster.KubectlAsync("logs", "talk", "--tail=1", "--timestamps")).StdOut);
        Assert.Equal("one\nt", Ok(await Cluster.KubectlAsync("logs", "talk", "--limit-bytes=5")).StdOut);
        var previous = await Cluster.KubectlAsync("logs", "talk", "--previous");
        Assert.Equal("Error from server (BadRequest): previous terminated container \"main\" in pod \"talk\" not found\n", previous.StdErr);
    }

    [Fact]
    public async Task AContainerIsChosenWithDashCAndTheApiNamesTheChoicesWithoutOne()
    {
        await RunAsync(Pod("two", "Always", ("a", "echo from-a; sleep 3600"), ("b", "echo from-b; sleep 3600")), "--for=condition=Ready", "two");
        Assert.Equal("from-b\n", Ok(await Cluster.KubectlAsync("logs", "two", "-c", "b")).StdOut);
        var raw = await Cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/two/log");
        Assert.Equal("Error from server (BadRequest): a container name must be specified for pod two, choose one of: [a b]\n", raw.StdErr);
    }

    [Fact]
    public async Task FollowStreamsUntilTheContainerEnds()
    {
        await RunAsync(Pod("tick", "Never", ("main", "echo start; sleep 2; echo end")), "--for=condition=Ready", "tick");
        var follow = Ok(await Cluster.KubectlAsync("logs", "-f", "tick"));
        Assert.Equal("start\nend\n", follow.StdOut);
        Assert.Equal("Succeeded", Ok(await Cluster.KubectlAsync("get", "pod", "tick", "-o", "jsonpath={.status.phase}")).StdOut);
    }

    [Fact]
    public async Task AFollowedLogOfADeletedPodEndsWithWhatItsContainerWroteWhileStopping()
    {
        var manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: leaving\nspec:\n  terminationGracePeriodSeconds: 30\n  containers:\n"
            + "  - name: main\n    image: busybox:1.36\n    command: [\"sh\", \"-c\", \"trap 'echo got SIGTERM; exit 0' TERM; echo started; while true; do sleep 0.1; done\"]\n";
        await RunAsync(manifest, "--for=condition=Ready", "leaving");
        using var follow = Cluster.StartKubectl("logs", "-f", "leaving");
        try
        {
            using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            patience.CancelAfter(TimeSpan.FromSeconds(30));
            Assert.Equal("started", await follow.StandardOutput.ReadLineAsync(patience.Token));

            // kubectl delete waits until the pod is gone; the line written on SIGTERM still reaches the follower.
            Ok(await Cluster.KubectlAsync("delete", "pod", "leaving"));

            Assert.Equal("got SIGTERM\n", await follow.StandardOutput.ReadToEndAsync(patience.Token));
            await follow.WaitForExitAsync(patience.Token);
            Assert.Equal(0, follow.ExitCode);
        }
        finally
        {
            if (!follow.HasExited) follow.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task PreviousShowsTheRunBeforeARestart()
    {
        await RunAsync(Pod("crash", "Always", ("main", "echo run; exit 1")),
            "--for=jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}=1", "crash");
        Assert.Equal("run\n", Ok(await Cluster.KubectlAsync("logs", "crash", "--previous")).StdOut);
    }

    [Fact]
    public async Task APodWhoseImageCannotBePulledHasNoLogYet()
    {
        const string manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nopull\nspec:\n  containers:\n  - name: app\n    image: no.such.registry/missing:1\n";
        await RunAsync(manifest, "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ErrImagePull", "nopull");
        var logs = await Cluster.KubectlAsync("logs", "nopull");
        Assert.Equal(1, logs.ExitCode);
        Assert.Matches(new Regex("^Error from server \\(BadRequest\\): container \"app\" in pod \"nopull\" is waiting to start: "
            + "(image can't be pulled|trying and failing to pull image)\n$"), logs.StdErr);
    }
}
