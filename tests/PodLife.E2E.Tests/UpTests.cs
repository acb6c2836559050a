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

        // The node's own events, as describe node lists them on a new cluster: the kubelet's, then the node controller's
        // (its next monitor pass after the node registered, up to 5 s later).
        var describe = "";
        for (var i = 0; i < 100 && !describe.Contains("RegisteredNode", StringComparison.Ordinal); i++)
        {
            if (i > 0) await Task.Delay(200, Ct);
            describe = (await cluster.KubectlAsync("describe", "node", "podlife-node-1")).StdOut;
        }
        foreach (var line in new[]
        {
            @"Normal\s+Starting\s+\S+\s+kubelet\s+Starting kubelet\.",
            @"Normal\s+NodeHasSufficientMemory\s+\S+\s+kubelet\s+Node podlife-node-1 status is now: NodeHasSufficientMemory",
            @"Normal\s+NodeHasNoDiskPressure\s+\S+\s+kubelet\s+Node podlife-node-1 status is now: NodeHasNoDiskPressure",
            @"Normal\s+NodeHasSufficientPID\s+\S+\s+kubelet\s+Node podlife-node-1 status is now: NodeHasSufficientPID",
            @"Normal\s+NodeAllocatableEnforced\s+\S+\s+kubelet\s+Updated Node Allocatable limit across pods",
            @"Normal\s+NodeReady\s+\S+\s+kubelet\s+Node podlife-node-1 status is now: NodeReady",
            @"Normal\s+RegisteredNode\s+\S+\s+node-controller\s+Node podlife-node-1 event: Registered Node podlife-node-1 in Controller",
        })
        {
            Assert.Matches(new Regex(line), describe);
        }
    }
}
