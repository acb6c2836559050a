using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// Acceptance scenario 1 ("initializing") on `podlife up` in real time (at --speed 10 the 9-second pull would be gone
/// before kubectl looks): while the init container's image is pulled the pod is Pending and Init:0/1.
/// </summary>
public sealed class UpInitializingScenarioTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Scenario1_WhileTheInitImageIsPulledThePodIsPendingInit0Of1AndItsContainerWaitsPodInitializing()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up"], Ct);
        Assert.Null(await cluster.WaitForNodesReadyAsync("podlife-node-1"));
        Ok(await cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: s1-init
            spec:
              initContainers:
              - name: init
                image: perl:5.40
                command: [perl, -e, 'print "prepared\n"']
              containers:
              - name: main
                image: busybox:1.36
                command: [sleep, "3600"]
            """, "apply", "-f", "-"));

        // The perl image takes 9 s to pull: the node's first status comes within that time.
        var watch = Stopwatch.StartNew();
        JsonNode pod;
        do
        {
            pod = JsonNode.Parse(Ok(await cluster.KubectlAsync("get", "pod", "s1-init", "-o", "json")).StdOut)!;
            if (pod["status"]?["initContainerStatuses"] is not null) break;
            await Task.Delay(100, Ct);
        }
        while (watch.Elapsed < TimeSpan.FromSeconds(30));
        var row = Regex.Split(Ok(await cluster.KubectlAsync("get", "pod", "s1-init", "--no-headers")).StdOut.Trim(), @"\s{2,}");
        var describe = Ok(await cluster.KubectlAsync("describe", "pod", "s1-init")).StdOut;

        var status = pod["status"]!;
        Assert.Equal("Pending", (string?)status["phase"]);
        string? Condition(string type, string field) =>
            (string?)status["conditions"]!.AsArray().Single(c => (string?)c!["type"] == type)![field];
        Assert.Equal("True", Condition("PodScheduled", "status"));
        Assert.Equal(("False", "ContainersNotInitialized", "containers with incomplete status: [init]"),
            (Condition("Initialized", "status"), Condition("Initialized", "reason"), Condition("Initialized", "message")));
        Assert.Equal(("False", "ContainersNotReady"), (Condition("Ready", "status"), Condition("Ready", "reason")));
        Assert.Equal("PodInitializing", (string?)status["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        Assert.Equal("PodInitializing", (string?)status["initContainerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        Assert.Equal(("0/1", "Init:0/1"), (row[1], row[2]));
        Assert.Matches(new Regex(@"Containers:\n\s+main:\n(.*\n)*?\s+State:\s+Waiting\n\s+Reason:\s+PodInitializing\n"), describe);
        Assert.Matches(new Regex(@"Normal\s+Pulling\s+.*kubelet\s+Pulling image ""perl:5.40"""), describe);

        // Then the init container runs and the pod goes on to Running.
        Ok(await cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/s1-init", "--timeout=60s"));
        Assert.Equal("Completed", Ok(await cluster.KubectlAsync("get", "pod", "s1-init", "-o", "jsonpath={.status.initContainerStatuses[0].state.terminated.reason}")).StdOut);
    }
}
