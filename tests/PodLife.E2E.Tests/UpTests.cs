using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>`podlife up` as a user runs it: one process, then kubectl sees a node run a pod to completion.</summary>
public class UpTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string CompletingPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: once
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox:1.36
            command: ["sh", "-c", "echo hello; exit 0"]
        """;

    [Fact]
    public async Task UpRunsAPodToSucceededOnASimulatedNode()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up"], Ct);

        Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
        Assert.Equal(0, (await cluster.KubectlWithInputAsync(CompletingPod, "apply", "-f", "-")).ExitCode);

        var done = await cluster.KubectlAsync("wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/once", "--timeout=60s");
        Assert.True(done.ExitCode == 0, done.StdErr);
        var row = (await cluster.KubectlAsync("get", "pod", "once", "--no-headers")).StdOut;
        Assert.Matches(new Regex(@"^once\s+0/1\s+Completed\s+0\s+\d+s\n$"), row);
    }
}
