using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// The issue's acceptance scenarios with the real `podlife up --speed 10` and the real kubectl: STATUS and READY
/// columns, conditions, describe's State / Last State / Events, and logs, as a user sees them on a real cluster.
/// </summary>
public sealed class UpScenarioTests(UpClusterFixture fixture) : IClassFixture<UpClusterFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    async Task ApplyAsync(string yaml) => Ok(await Cluster.KubectlWithInputAsync(yaml, "apply", "-f", "-"));

    /// <summary>The pod's `kubectl get` row split into NAME READY STATUS RESTARTS AGE.</summary>
    async Task<string[]> RowAsync(string pod) =>
        Regex.Split(Ok(await Cluster.KubectlAsync("get", "pod", pod, "--no-headers")).StdOut.Trim(), @"\s{2,}");

    /// <summary>Polls `kubectl get` until the STATUS column shows <paramref name="status"/> (wall-clock timeout).</summary>
    async Task<string[]> UntilStatusAsync(string pod, string status, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        string[] row = [];
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            row = await RowAsync(pod);
            if (row.Length > 2 && row[2] == status) return row;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new Xunit.Sdk.XunitException($"pod {pod} never showed STATUS {status}; last row: {string.Join(" | ", row)}");
    }

    /// <summary>Polls `kubectl describe pod` until its text matches <paramref name="pattern"/> (wall-clock timeout).</summary>
    async Task<string> UntilDescribeMatchesAsync(string pod, Regex pattern, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        var describe = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            describe = Ok(await Cluster.KubectlAsync("describe", "pod", pod)).StdOut;
            if (pattern.IsMatch(describe)) return describe;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        throw new Xunit.Sdk.XunitException($"describe pod {pod} never matched {pattern}; last output:\n{describe}");
    }

    static string NeverPod(string name, string script) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
          restartPolicy: Never
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "{script}"]
        """;

    [Fact]
    public async Task Scenario3_ExitZeroIsCompletedAndExitOneIsError()
    {
        await ApplyAsync(NeverPod("s3-ok", "exit 0"));
        await ApplyAsync(NeverPod("s3-bad", "exit 1"));

        var ok = await UntilStatusAsync("s3-ok", "Completed");
        var bad = await UntilStatusAsync("s3-bad", "Error");

        Assert.Equal(("0/1", "0"), (ok[1], ok[3]));
        Assert.Equal(("0/1", "0"), (bad[1], bad[3]));
        var phases = Ok(await Cluster.KubectlAsync("get", "pod", "s3-ok", "s3-bad", "-o", "jsonpath={.items[*].status.phase}")).StdOut;
        Assert.Equal("Succeeded Failed", phases);
        var ready = Ok(await Cluster.KubectlAsync("get", "pod", "s3-ok", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}")).StdOut;
        Assert.Equal("PodCompleted", ready);
        var describe = Ok(await Cluster.KubectlAsync("describe", "pod", "s3-bad")).StdOut;
        Assert.Matches(new Regex(@"State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1\n"), describe);
    }

    [Fact]
    public async Task Scenario4_ACrashingContainerCyclesThroughErrorAndCrashLoopBackOffWithBackOffEvents()
    {
        Ok(await Cluster.KubectlAsync("run", "s4-crash", "--image=busybox:1.36", "--", "sh", "-c", "exit 1"));

        var looping = await UntilStatusAsync("s4-crash", "CrashLoopBackOff");

        Assert.Equal("0/1", looping[1]);
        Assert.NotEqual("0", looping[3]);
        // The container leaves CrashLoopBackOff for a short run each time its back-off ends, so describe is read
        // again until it lands inside a waiting window.
        var waiting = new Regex(@"State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff\n\s+Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1\n");
        var describe = await UntilDescribeMatchesAsync("s4-crash", waiting);
        Assert.Matches(new Regex(@"Warning\s+BackOff\s+.*kubelet\s+Back-off restarting failed container s4-crash in pod s4-crash_default\("), describe);
        Assert.Equal("Running", Ok(await Cluster.KubectlAsync("get", "pod", "s4-crash", "-o", "jsonpath={.status.phase}")).StdOut);
        // Each restart repeats Started: one event whose count grows, as the kubelet's event correlator keeps it.
        var started = Ok(await Cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=s4-crash",
            "-o", "jsonpath={.items[?(@.reason==\"Started\")].count}")).StdOut;
        Assert.True(int.Parse(Assert.Single(started.Split(' ', StringSplitOptions.RemoveEmptyEntries)), CultureInfo.InvariantCulture) >= 2, started);
    }

    // The descriptions come from KubernetesClient.xml, which the publish puts beside the binary.
    [Fact]
    public async Task KubectlExplainPrintsTheFieldDescriptions()
    {
        var explain = Ok(await Cluster.KubectlAsync("explain", "pod.spec.containers")).StdOut;

        Assert.Contains("    List of containers belonging to the pod.", explain, StringComparison.Ordinal);
        Assert.Contains("\n  image\t<string>\n    Container image name.", explain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryNamespaceHoldsTheClusterCaInKubeRootCaCrt()
    {
        Ok(await Cluster.KubectlAsync("create", "namespace", "ca-team"));
        Ok(await Cluster.KubectlAsync("wait", "--for=create", "configmap/kube-root-ca.crt", "-n", "ca-team", "--timeout=60s"));

        var namespaces = Ok(await Cluster.KubectlAsync("get", "configmaps", "-A", "--field-selector", "metadata.name=kube-root-ca.crt",
            "-o", "jsonpath={.items[*].metadata.namespace}")).StdOut.Split(' ');
        Assert.Subset(namespaces.ToHashSet(), new HashSet<string> { "default", "kube-system", "kube-public", "kube-node-lease", "ca-team" });
        var kubeconfigCa = Ok(await Cluster.KubectlAsync("config", "view", "--raw", "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}")).StdOut;
        var published = Ok(await Cluster.KubectlAsync("get", "configmap", "kube-root-ca.crt", "-n", "ca-team", "-o", "jsonpath={.data.ca\\.crt}")).StdOut;
        Assert.Equal(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(kubeconfigCa)), published);
    }

    [Fact]
    public async Task Scenario4_ImageErrorsShowErrImagePullThenImagePullBackOffAndInvalidImageName()
    {
        Ok(await Cluster.KubectlAsync("run", "s4-missing", "--image=nginx:doesnotexist"));
        // kubectl run checks the reference itself; a manifest reaches the node, which reports InvalidImageName.
        const string invalid = """
            apiVersion: v1
            kind: Pod
            metadata: {name: s4-invalid}
            spec:
              containers: [{name: app, image: "NGINX::bad"}]
            """;
        Ok(await Cluster.KubectlWithInputAsync(invalid, "apply", "-f", "-"));

        await UntilStatusAsync("s4-missing", "ImagePullBackOff");
        await UntilStatusAsync("s4-invalid", "InvalidImageName");

        var events = Ok(await Cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=s4-missing", "-o", "jsonpath={.items[*].message}")).StdOut;
        Assert.Contains("Error: ErrImagePull", events, StringComparison.Ordinal);
        Assert.Contains("Error: ImagePullBackOff", events, StringComparison.Ordinal);
        Assert.Equal("Pending", Ok(await Cluster.KubectlAsync("get", "pod", "s4-missing", "-o", "jsonpath={.status.phase}")).StdOut);
    }

    [Fact]
    public async Task Scenario2_AReadinessProbeThatPassesAfter20SecondsTurnsZeroOfOneIntoOneOfOne()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: s2-ready
            spec:
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "sleep 20; touch /tmp/ready; sleep 3600"]
                readinessProbe:
                  exec:
                    command: ["cat", "/tmp/ready"]
                  periodSeconds: 5
            """);

        var running = await UntilStatusAsync("s2-ready", "Running");
        Assert.Equal("0/1", running[1]);
        var conditions = Ok(await Cluster.KubectlAsync("get", "pod", "s2-ready", "-o", "jsonpath={range .status.conditions[*]}{.type}={.status} {end}")).StdOut;
        Assert.Contains("Initialized=True", conditions, StringComparison.Ordinal);
        Assert.Contains("ContainersReady=False", conditions, StringComparison.Ordinal);

        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/s2-ready", "--timeout=60s"));
        Assert.Equal("1/1", (await RowAsync("s2-ready"))[1]);
    }

    [Fact]
    public async Task Scenario5_TheLivenessExampleRestartsTheContainerAndKeepsThePreviousLog()
    {
        // The documentation's liveness-exec example, with a line echoed before the file goes away.
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: s5-liveness
            spec:
              containers:
              - name: liveness
                image: registry.k8s.io/busybox
                args: ["/bin/sh", "-c", "echo starting; touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
                livenessProbe:
                  exec:
                    command: ["cat", "/tmp/healthy"]
                  initialDelaySeconds: 5
                  periodSeconds: 5
            """);

        var watch = Stopwatch.StartNew();
        while ((await RowAsync("s5-liveness"))[3].StartsWith('0') && watch.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(200, TestContext.Current.CancellationToken);

        var describe = Ok(await Cluster.KubectlAsync("describe", "pod", "s5-liveness")).StdOut;
        Assert.Matches(new Regex(@"Warning\s+Unhealthy\s+.*Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"), describe);
        Assert.Matches(new Regex(@"Normal\s+Killing\s+.*Container liveness failed liveness probe, will be restarted"), describe);
        Assert.Matches(new Regex(@"Restart Count:\s+[1-9]"), describe);
        Assert.Equal("starting\n", Ok(await Cluster.KubectlAsync("logs", "s5-liveness", "--previous")).StdOut);
    }

    [Fact]
    public async Task Scenario6_DeletingARunningPodShowsTerminatingRunsPreStopAndRemovesIt()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: s6-delete
            spec:
              terminationGracePeriodSeconds: 30
              containers:
              - name: main
                image: busybox:1.36
                command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"]
                lifecycle:
                  preStop:
                    exec:
                      command: ["sh", "-c", "sleep 5"]
            """);
        await UntilStatusAsync("s6-delete", "Running");

        Ok(await Cluster.KubectlAsync("delete", "pod", "s6-delete", "--wait=false"));

        await UntilStatusAsync("s6-delete", "Terminating");
        Ok(await Cluster.KubectlAsync("wait", "--for=delete", "pod/s6-delete", "--timeout=60s"));
        var events = Ok(await Cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=s6-delete", "-o", "jsonpath={.items[*].reason}")).StdOut;
        Assert.Contains("Killing", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario7_ASidecarAndTwoContainersCountThreeReadyContainers()
    {
        await ApplyAsync("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: s7-sidecar
            spec:
              initContainers:
              - name: log-shipper
                image: busybox:1.36
                restartPolicy: Always
                command: ["sh", "-c", "while true; do sleep 5; done"]
              containers:
              - name: web
                image: nginx:1.27
              - name: worker
                image: busybox:1.36
                command: ["sh", "-c", "sleep 3600"]
            """);

        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/s7-sidecar", "--timeout=60s"));

        var row = await RowAsync("s7-sidecar");
        Assert.Equal(("3/3", "Running"), (row[1], row[2]));
    }

    [Fact]
    public async Task AtSpeed10BackOffGapsAreATenthAndNoTimeKubectlSeesLiesInTheFuture()
    {
        Ok(await Cluster.KubectlAsync("run", "clock-crash", "--image=busybox:1.36", "--", "sh", "-c", "exit 1"));

        // While a restart waits out its back-off the container is Waiting, lastState the attempt that just ended.
        var ended = new SortedDictionary<int, (DateTime Started, DateTime Finished)>();
        var watch = Stopwatch.StartNew();
        while (!ended.ContainsKey(4) && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(Ok(await Cluster.KubectlAsync("get", "pod", "clock-crash", "-o", "json")).StdOut)!;
            if (json["status"]?["containerStatuses"]?[0] is { } c && c["state"]?["waiting"] is not null && c["lastState"]?["terminated"] is { } t)
                ended[(int)c["restartCount"]!] = ((DateTime)t["startedAt"]!, (DateTime)t["finishedAt"]!);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.True(ended.ContainsKey(4), $"no fourth restart within a minute: {string.Join(", ", ended.Keys)}");

        // Back-offs of 20 and 40 simulated seconds are 2 and 4 real ones (whole seconds in the API, so one either way).
        Assert.InRange((ended[3].Started - ended[2].Finished).TotalSeconds, 1, 3);
        Assert.InRange((ended[4].Started - ended[3].Finished).TotalSeconds, 3, 5);

        var times = new List<string>();
        foreach (var query in new[]
        {
            new[] { "get", "pod", "clock-crash", "-o", "jsonpath={.status.startTime} {.status.conditions[*].lastTransitionTime} {.status.containerStatuses[*].lastState.terminated.startedAt} {.status.containerStatuses[*].lastState.terminated.finishedAt}" },
            new[] { "get", "events", "--field-selector", "involvedObject.name=clock-crash", "-o", "jsonpath={.items[*].firstTimestamp} {.items[*].lastTimestamp}" },
            new[] { "get", "node", "podlife-node-1", "-o", "jsonpath={.status.conditions[*].lastHeartbeatTime} {.status.conditions[*].lastTransitionTime}" },
            new[] { "get", "lease", "-n", "kube-node-lease", "podlife-node-1", "-o", "jsonpath={.spec.renewTime}" },
        })
        {
            // "null": an unset metav1.Time, as the scheduler's events have no first/lastTimestamp (they carry eventTime).
            times.AddRange(Ok(await Cluster.KubectlAsync(query)).StdOut.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => t != "null"));
        }
        var now = DateTime.UtcNow;
        Assert.True(times.Count > 10, string.Join(' ', times));
        Assert.All(times, t => Assert.True(DateTime.Parse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal) <= now, $"{t} is later than {now:O}"));
        var table = Ok(await Cluster.KubectlAsync("get", "pods,events,nodes")).StdOut;
        Assert.DoesNotContain("<invalid>", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNodesRunTheApiServersRelease()
    {
        // As in one cluster's own components: `kubectl get nodes` shows the server's version in its VERSION column.
        var version = System.Text.Json.Nodes.JsonNode.Parse(Ok(await Cluster.KubectlAsync("version", "-o", "json")).StdOut)!;
        var server = version["serverVersion"]!["gitVersion"]!.GetValue<string>();
        var kubelets = Ok(await Cluster.KubectlAsync("get", "nodes", "-o", "jsonpath={.items[*].status.nodeInfo.kubeletVersion}")).StdOut
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches(new Regex(@"^v1\.32\.\d+\+podlife$"), server);
        Assert.NotEmpty(kubelets);
        Assert.All(kubelets, kubelet => Assert.Equal(server, kubelet));
        var row = Regex.Split(Ok(await Cluster.KubectlAsync("get", "node", "podlife-node-1", "--no-headers")).StdOut.Trim(), @"\s+");
        Assert.Equal(server, row[^1]);
    }
}
