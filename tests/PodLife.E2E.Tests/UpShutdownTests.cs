using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>`podlife up` stopped with SIGTERM (what Ctrl-C and `kill` send) while kubectl watches it, then started again.</summary>
public class UpShutdownTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigtermStopsUpWithinFiveSecondsDespiteAnOpenWatchAndARestartKeepsTheObjects()
    {
        using var dataDir = new TempDirectory();
        await using (var first = await PodlifeServerProcess.StartInAsync(dataDir.Path, ["up"], Ct))
        {
            Assert.Null(await first.WaitForNodesReadyAsync("podlife-node-1"));
            Ok(await first.KubectlAsync("run", "web", "--image=nginx:1.27"));
            Ok(await first.KubectlAsync("run", "once", "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c", "exit 0"));
            Ok(await first.KubectlAsync("wait", "--for=condition=Ready", "pod/web", "--timeout=60s"));
            // An open watch (or a followed log) is what held the server's graceful shutdown for its 30 s timeout.
            using var watch = first.StartKubectl("get", "pods", "-w");
            Assert.NotNull(await watch.StandardOutput.ReadLineAsync(Ct));
            using var follow = first.StartKubectl("logs", "-f", "web");
            await Task.Delay(500, Ct);
            // (stderr is read only on failure: reading it first would wait for kubectl to exit)
            if (follow.HasExited) Assert.Fail(await follow.StandardError.ReadToEndAsync(Ct));

            var stopped = await first.TerminateAsync(TimeSpan.FromSeconds(5));

            Assert.NotNull(stopped);
            Assert.Equal(0, stopped.Value.ExitCode);
            // The watch ends with the server instead of hanging on a dead connection.
            using var watchEnd = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await watch.WaitForExitAsync(watchEnd.Token);
            await follow.WaitForExitAsync(watchEnd.Token);
        }

        await using var second = await PodlifeServerProcess.StartInAsync(dataDir.Path, ["up"], Ct);
        Assert.Null(await second.WaitForNodesReadyAsync("podlife-node-1"));
        var names = Ok(await second.KubectlAsync("get", "pods", "-o", "name")).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["pod/once", "pod/web"], names.Order());
        // The node's containers did not survive the restart: the one that was Running counts a restart, as kubelet
        // counts a container it can no longer find; the pod that had completed is not run again.
        Ok(await second.KubectlAsync("wait", "--for=jsonpath={.status.containerStatuses[0].restartCount}=1", "pod/web", "--timeout=60s"));
        Ok(await second.KubectlAsync("wait", "--for=condition=Ready", "pod/web", "--timeout=60s"));
        Assert.Equal("Succeeded Completed 0", Ok(await second.KubectlAsync("get", "pod", "once", "-o",
            "jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.reason} {.status.containerStatuses[0].restartCount}")).StdOut);
        Ok(await second.KubectlAsync("run", "after", "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c", "exit 0"));
        Ok(await second.KubectlAsync("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/after", "--timeout=60s"));
    }

    [Fact]
    public async Task ASecondSigtermWhileUpIsStoppingEndsItAtOnceWithTheSignalsDefaultAction()
    {
        await using var up = await PodlifeServerProcess.StartAsFromATerminalAsync(["up"], Ct);
        Assert.Null(await up.WaitForNodesReadyAsync("podlife-node-1"));

        // Both signals reach a stopped process, which handles them in order (Ctrl+C's SIGINT first) once continued:
        // the second arrives while the first's clean stop has only begun, however fast that stop would be.
        var stopped = await up.SignalAsync(TimeSpan.FromSeconds(5), "STOP", "INT", "TERM", "CONT");

        // Ended by the second signal (128 + SIGINT or SIGTERM: .NET handles each on a thread of its own, so either can
        // come second), not stopped cleanly (exit 0) after the first. Before, the web host's console lifetime took
        // every signal too, and the runtime's own SIGTERM exit waits for the clean stop: no Ctrl+C ended a hanging stop.
        Assert.NotNull(stopped);
        Assert.Contains(stopped.Value.ExitCode, new[] { 130, 143 });
    }
}
