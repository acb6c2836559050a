using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>
/// Issue 6's acceptance, as a user sees it: `podlife up` without simulated nodes, Node objects created by the test,
/// and `kubectl describe pod` showing kube-scheduler's exact condition and FailedScheduling event; then a fitting
/// node appears and the pod is bound to it at once.
/// </summary>
public class SchedulingDescribeTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Victims = "preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
    const string NotHelpful = "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "insufficient cpu", Node("small", cpu: "1"), Pod("p", cpu: "2"), $"0/1 nodes are available: 1 Insufficient cpu. {Victims}" },
        { "insufficient memory", Node("small", memory: "1Gi"), Pod("p", memory: "2Gi"), $"0/1 nodes are available: 1 Insufficient memory. {Victims}" },
        { "node selector mismatch", Node("small"), Pod("p", selector: "disktype: ssd"), $"0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. {NotHelpful}" },
        { "untolerated taint", Node("small", spec: "taints: [{key: dedicated, value: infra, effect: NoSchedule}]"), Pod("p"), $"0/1 nodes are available: 1 node(s) had untolerated taint {{dedicated: infra}}. {NotHelpful}" },
        { "unschedulable node", Node("small", spec: "unschedulable: true"), Pod("p"), $"0/1 nodes are available: 1 node(s) were unschedulable. {NotHelpful}" },
        { "too many pods", Node("small", pods: "1") + "---\n" + Pod("bound", nodeName: "small"), Pod("p"), $"0/1 nodes are available: 1 Too many pods. {Victims}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DescribeShowsTheSchedulersMessageUntilAFittingNodeAppears(string _, string nodes, string pod, string message)
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0"], Ct);
        await ApplyAsync(cluster, nodes);
        await ApplyAsync(cluster, pod);

        var describe = await WaitForAsync(cluster, "FailedScheduling");
        // kubectl prints the Conditions table as "Type Status" rows, and the event's message verbatim.
        Assert.Matches(new Regex(@"Conditions:\n\s+Type\s+Status\n\s+PodScheduled\s+False\s*\n"), describe);
        Assert.Matches(new Regex(@"Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+" + Regex.Escape(message) + "\n"), describe);
        Assert.Matches(new Regex(@"Status:\s+Pending\n"), describe);
        Assert.Matches(new Regex(@"Node:\s+<none>\n"), describe);

        // A node that fits every case (room, the label, no taints): the scheduler retries at once, not after a back-off.
        await ApplyAsync(cluster, Node("roomy", cpu: "8", memory: "16Gi", labels: "disktype: ssd"));
        // The Scheduled event is written just after the binding, and describe reads the pod before its events: wait for
        // both the Node line and the event.
        describe = await WaitForAsync(cluster, new Regex(@"Node:\s+roomy/[\s\S]*Successfully assigned default/p to roomy"));
        Assert.Matches(new Regex(@"Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default/p to roomy\n"), describe);
    }

    [Fact]
    public async Task APodRefusedAgainBecomesAnEventSeriesAndTheSchedulerGoesOn()
    {
        await using var cluster = await PodlifeServerProcess.StartAsync(["up", "--nodes", "0"], Ct);
        await ApplyAsync(cluster, Node("small", cpu: "1") + "---\n" + Pod("bound", nodeName: "small"));
        await ApplyAsync(cluster, Pod("p", cpu: "2"));
        await WaitForAsync(cluster, "FailedScheduling");

        // A bound pod removed at once frees room: the parked pod is tried again and refused again, so its
        // FailedScheduling event becomes a series (client-go's event broadcaster patches it with count 2).
        var deleted = await cluster.KubectlAsync("delete", "pod", "bound", "--grace-period=0", "--force");
        Assert.True(deleted.ExitCode == 0, deleted.StdErr);
        var describe = await WaitForAsync(cluster, new Regex(@"Warning\s+FailedScheduling\s+\S+ \(x2 over \S+\)\s+default-scheduler\s+0/1 nodes are available: 1 Insufficient cpu\."));

        // And the scheduler goes on: a pod that fits is bound.
        await ApplyAsync(cluster, Pod("q"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await cluster.KubectlAsync("get", "pod", "q", "-o", "jsonpath={.spec.nodeName}")).StdOut != "small")
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"pod q was never bound; describe of p:\n{describe}");
            await Task.Delay(200, Ct);
        }
    }

    static async Task ApplyAsync(PodlifeServerProcess cluster, string yaml)
    {
        var applied = await cluster.KubectlWithInputAsync(yaml, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.StdErr);
    }

    // Polls `kubectl describe pod p` until its output contains `text` (the scheduler works asynchronously).
    static Task<string> WaitForAsync(PodlifeServerProcess cluster, string text) => WaitForAsync(cluster, new Regex(Regex.Escape(text)));

    static async Task<string> WaitForAsync(PodlifeServerProcess cluster, Regex text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var describe = await cluster.KubectlAsync("describe", "pod", "p");
            if (text.IsMatch(describe.StdOut)) return describe.StdOut;
            if (DateTime.UtcNow > deadline) Assert.Fail($"`kubectl describe pod p` never showed \"{text}\":\n{describe.StdOut}{describe.StdErr}");
            await Task.Delay(200, Ct);
        }
    }

    static string Node(string name, string cpu = "2", string memory = "4Gi", string pods = "110", string spec = "", string labels = "") => $$"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {{name}}
          labels: {kubernetes.io/hostname: {{name}}{{(labels == "" ? "" : ", " + labels)}}}
        spec: {{{spec}}}
        status:
          capacity: {cpu: "{{cpu}}", memory: {{memory}}, pods: "{{pods}}"}
          allocatable: {cpu: "{{cpu}}", memory: {{memory}}, pods: "{{pods}}"}
          conditions:
          - {type: Ready, status: "True", reason: KubeletReady, message: kubelet is posting ready status}

        """;

    static string Pod(string name, string cpu = "100m", string memory = "64Mi", string selector = "", string nodeName = "") => $$"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {{name}}
        spec:
          {{(nodeName == "" ? "" : "nodeName: " + nodeName)}}
          nodeSelector: {{{selector}}}
          containers:
          - name: app
            image: busybox:1.36
            resources:
              requests: {cpu: "{{cpu}}", memory: {{memory}}}

        """;
}
