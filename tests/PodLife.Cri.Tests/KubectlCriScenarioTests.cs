using System.Diagnostics;
using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>
/// The lifecycle scenarios of real containers as a user sees them: `podlife up --runtime cri` and the real kubectl
/// (get, describe, wait, logs, delete), on the shared cluster.
/// </summary>
[Collection(CriClusterCollection.Name)]
public sealed class KubectlCriScenarioTests(ContainerdFixture fixture, CriCluster shared)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_readiness_httpGet_probe_to_the_nginx_image_makes_the_pod_Ready_and_port_forward_and_the_proxy_reach_it()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        await using var pods = await ApplyAsync(cluster, "web", """
            apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27
                readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 1}
            """);

        await cluster.WaitForAsync("--for=condition=Ready", "pod/web");

        Assert.Matches(new Regex(@"^web\s+1/1\s+Running\s+0\s"), await GetAsync(cluster, "pod", "web", "--no-headers"));
        var describe = await GetAsync(cluster, "describe", "pod", "web");
        Assert.Contains("Readiness:      http-get http://:80/ delay=0s timeout=1s period=1s #success=1 #failure=3", describe);
        Assert.Matches(new Regex(@"^\s+ContainersReady\s+True\s*$", RegexOptions.Multiline), describe);
        Assert.Matches(new Regex(@"^IP:\s+10\.\d+\.\d+\.\d+$", RegexOptions.Multiline), describe);

        // kubectl port-forward reaches the same server through CRI PortForward and containerd's streaming server.
        using var forward = cluster.StartKubectl("port-forward", "pod/web", ":80");
        try
        {
            var port = await KubectlPortForward.LocalPortAsync(forward, Ct);
            using var http = new HttpClient();
            Assert.Contains("Welcome to nginx!", await http.GetStringAsync($"http://127.0.0.1:{port}/", Ct), StringComparison.Ordinal);
        }
        finally
        {
            forward.Kill();
        }

        // pods/proxy goes the same way; the pod declares no port, so it is http's own.
        Assert.Contains("Welcome to nginx!", await GetAsync(cluster, "--raw", "/api/v1/namespaces/default/pods/web/proxy/"));
        var refused = await cluster.KubectlAsync("get", "--raw", "/api/v1/namespaces/default/pods/web:8080/proxy/");
        Assert.Matches(@"^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp 10\.[\d.]+:8080: connect: connection refused\n$", refused.StdErr);
    }

    [Fact]
    public async Task A_failing_liveness_exec_probe_restarts_the_container_with_Unhealthy_and_Killing_events()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        // sh as PID 1 ignores SIGTERM, so the kill takes the probe's grace period and ends with SIGKILL (137).
        await using var pods = await ApplyAsync(cluster, "live", """
            apiVersion: v1
            kind: Pod
            metadata: {name: live}
            spec:
              containers:
              - name: main
                image: busybox
                command: [sh, -c, "touch /tmp/healthy; sleep 2; rm /tmp/healthy; sleep 600"]
                livenessProbe:
                  exec: {command: [cat, /tmp/healthy]}
                  periodSeconds: 1
                  failureThreshold: 1
                  terminationGracePeriodSeconds: 1
            """);

        await cluster.WaitForAsync("--for=jsonpath={.status.containerStatuses[0].restartCount}=1", "pod/live");

        Assert.Matches(new Regex(@"^live\s+1/1\s+Running\s+1 \(\d+s ago\)\s"), await GetAsync(cluster, "pod", "live", "--no-headers"));
        var describe = await GetAsync(cluster, "describe", "pod", "live");
        Assert.Matches(new Regex(@"Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137\n"), describe);
        Assert.Matches(new Regex(@"Restart Count:\s+1\n"), describe);
        Assert.Matches(new Regex(@"Warning\s+Unhealthy\s+.*\s+Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"), describe);
        Assert.Matches(new Regex(@"Normal\s+Killing\s+.*\s+Container main failed liveness probe, will be restarted"), describe);
    }

    [Fact]
    public async Task A_memory_hog_over_its_limit_is_OOMKilled_with_exit_code_137()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        await using var pods = await ApplyAsync(cluster, "hog", """
            apiVersion: v1
            kind: Pod
            metadata: {name: hog}
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                command: [sh, -c, "tail /dev/zero"]
                resources: {limits: {memory: 32Mi}}
            """);

        await cluster.WaitForAsync("--for=jsonpath={.status.phase}=Failed", "pod/hog");

        Assert.Matches(new Regex(@"^hog\s+0/1\s+OOMKilled\s+0\s"), await GetAsync(cluster, "pod", "hog", "--no-headers"));
        Assert.Equal("137 OOMKilled", await GetAsync(cluster, "pod", "hog", "-o",
            "jsonpath={.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}"));
        var describe = await GetAsync(cluster, "describe", "pod", "hog");
        Assert.Matches(new Regex(@"State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137\n"), describe);
        Assert.Matches(new Regex(@"Limits:\n\s+memory:\s+32Mi\n"), describe);
    }

    [Fact]
    public async Task A_command_the_image_lacks_fails_with_StartError_and_a_pod_that_never_restarts_stays_so()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        await using var pods = await ApplyAsync(cluster, "typo", """
            apiVersion: v1
            kind: Pod
            metadata: {name: typo}
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                command: [slep, "3600"]
            """);

        await cluster.WaitForAsync("--for=jsonpath={.status.phase}=Failed", "pod/typo");

        Assert.Matches(new Regex(@"^typo\s+0/1\s+StartError\s+0\s"), await GetAsync(cluster, "pod", "typo", "--no-headers"));
        var describe = await GetAsync(cluster, "describe", "pod", "typo");
        // containerd reports no start time, which kubelet shows as the epoch.
        Assert.Matches(new Regex(@"State:\s+Terminated\n\s+Reason:\s+StartError\n\s+Message:\s+failed to create containerd task: .*exec: ""slep"": executable file not found in \$PATH: unknown\n" +
            @"\s+Exit Code:\s+128\n\s+Started:\s+Thu, 01 Jan 1970 00:00:00 \+0000\n"), describe);
        Assert.DoesNotContain("Last State:     Terminated", describe, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Warning\s+Failed\s+\S+\s+kubelet\s+Error: failed to create containerd task: "), describe);
    }

    [Fact]
    public async Task Kubectl_set_image_restarts_the_container_as_its_definition_changed()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        await using var pods = await ApplyAsync(cluster, "swap", """
            apiVersion: v1
            kind: Pod
            metadata: {name: swap}
            spec:
              terminationGracePeriodSeconds: 2
              containers:
              - name: main
                image: busybox
                command: [sleep, "3600"]
            """);
        await cluster.WaitForAsync("--for=condition=Ready", "pod/swap");

        Assert.True((await cluster.KubectlAsync("set", "image", "pod/swap", "main=busybox:latest")).ExitCode == 0);
        await cluster.WaitForAsync("--for=jsonpath={.status.containerStatuses[0].restartCount}=1", "pod/swap");
        await cluster.WaitForAsync("--for=condition=Ready", "pod/swap");

        var describe = await GetAsync(cluster, "describe", "pod", "swap");
        Assert.Matches(new Regex(@"Normal\s+Killing\s+\S+\s+kubelet\s+Container main definition changed, will be restarted\n"), describe);
        Assert.Matches(new Regex(@"Image:\s+busybox:latest\n"), describe);
        Assert.Matches(new Regex(@"State:\s+Running\n"), describe);
        // sleep as PID 1 ignores SIGTERM: the old container ends with SIGKILL once the 2 s grace period is over.
        Assert.Matches(new Regex(@"Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+137\n"), describe);
    }

    [Fact]
    public async Task Deleting_a_pod_with_a_preStop_hook_runs_the_hook_then_SIGTERM_and_the_pod_goes()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        // The hook writes into the main process's stdout, so the container's log shows the order: hook, then SIGTERM.
        await using var pods = await ApplyAsync(cluster, "graceful", """
            apiVersion: v1
            kind: Pod
            metadata: {name: graceful}
            spec:
              terminationGracePeriodSeconds: 30
              containers:
              - name: main
                image: busybox
                command: [sh, -c, "trap 'echo got SIGTERM; exit 0' TERM; echo started; while true; do sleep 0.1; done"]
                lifecycle:
                  preStop: {exec: {command: [sh, -c, "echo preStop ran > /proc/1/fd/1"]}}
            """);
        await cluster.WaitForAsync("--for=condition=Ready", "pod/graceful");
        using var follow = cluster.StartKubectl("logs", "-f", "graceful");
        try
        {
            Assert.Equal("started", await ReadLineAsync(follow));

            var took = Stopwatch.StartNew();
            var delete = await cluster.KubectlAsync("delete", "pod", "graceful");
            took.Stop();

            Assert.True(delete.ExitCode == 0, delete.StdErr);
            Assert.Equal("pod \"graceful\" deleted\n", delete.StdOut);
            // A container that exits on SIGTERM does not wait out its 30 s grace period.
            Assert.True(took.Elapsed < TimeSpan.FromSeconds(20), $"kubectl delete took {took.Elapsed}");
            Assert.Equal(("preStop ran", "got SIGTERM"), (await ReadLineAsync(follow), await ReadLineAsync(follow)));
            var gone = await cluster.KubectlAsync("get", "pod", "graceful");
            Assert.Equal((1, "Error from server (NotFound): pods \"graceful\" not found\n"), (gone.ExitCode, gone.StdErr));
            var events = await GetAsync(cluster, "events", "--field-selector", "involvedObject.name=graceful",
                "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}");
            Assert.Contains("Killing: Stopping container main\n", events);
            Assert.DoesNotContain("FailedPreStopHook", events);
        }
        finally
        {
            Stop(follow);
        }
    }

    [Fact]
    public async Task Kubectl_logs_follows_new_lines_of_a_real_container_and_honours_tail_and_timestamps()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        await using var pods = await ApplyAsync(cluster, "counter", """
            apiVersion: v1
            kind: Pod
            metadata: {name: counter}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: main
                image: busybox
                command: [sh, -c, "i=0; while true; do echo line $i; i=$((i+1)); sleep 0.3; done"]
            """);
        await cluster.WaitForAsync("--for=condition=Ready", "pod/counter");
        // Ready comes with the start, before the container has written its second line: wait for three.
        for (var i = 0; i < 100 && (await GetAsync(cluster, "logs", "counter")).Count(c => c == '\n') < 3; i++) await Task.Delay(100, Ct);

        var tail = (await GetAsync(cluster, "logs", "counter", "--tail=2")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, tail.Length);
        var last = Number(tail[1]);
        Assert.Equal($"line {last - 1}", tail[0]);

        using var follow = cluster.StartKubectl("logs", "-f", "counter", "--tail=1");
        try
        {
            // The first line is the last one written so far; the next ones can only come from following the file.
            var first = Number(await ReadLineAsync(follow));
            Assert.True(first >= last, $"followed from line {first}, but line {last} was already written");
            for (var i = 1; i <= 3; i++) Assert.Equal($"line {first + i}", await ReadLineAsync(follow));
        }
        finally
        {
            Stop(follow);
        }

        var stamped = (await GetAsync(cluster, "logs", "counter", "--timestamps", "--tail=3")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, stamped.Length);
        Assert.All(stamped, l => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z line \d+$", l));
        var times = stamped.Select(l => DateTimeOffset.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(times[0] < times[1] && times[1] < times[2], string.Join(" | ", stamped));
    }

    [Fact]
    public async Task A_configMap_volume_and_the_termination_message_show_in_kubectl()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        // The controllers publish the cluster CA to every namespace; the service account volume carries it.
        await cluster.WaitForAsync("--for=create", "configmap/kube-root-ca.crt");
        await using var pods = await ApplyAsync(cluster, "farewell", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: farewell}
            data: {text: "so long"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: farewell}
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                command: [sh, -c, "cat /etc/farewell/text > /dev/termination-log; cd /var/run/secrets/kubernetes.io/serviceaccount; cat namespace; echo; head -n 1 ca.crt; exit 4"]
                volumeMounts: [{name: text, mountPath: /etc/farewell}]
              volumes: [{name: text, configMap: {name: farewell}}]
            """);
        try
        {
            await cluster.WaitForAsync("--for=jsonpath={.status.phase}=Failed", "pod/farewell");

            Assert.Equal("so long", await GetAsync(cluster, "pod", "farewell", "-o", "jsonpath={.status.containerStatuses[0].state.terminated.message}"));
            Assert.Matches(new Regex(@"State:\s+Terminated\n\s+Reason:\s+Error\n\s+Message:\s+so long\n\s+Exit Code:\s+4\n"), await GetAsync(cluster, "describe", "pod", "farewell"));
            // The service account volume every pod gets says its namespace and holds the cluster CA.
            Assert.Equal("default\n-----BEGIN CERTIFICATE-----\n", await GetAsync(cluster, "logs", "farewell"));
        }
        finally
        {
            await cluster.KubectlAsync("delete", "configmap", "farewell");
        }
    }

    static int Number(string line) =>
        line.StartsWith("line ", StringComparison.Ordinal) ? int.Parse(line[5..], System.Globalization.CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"not a counter line: \"{line}\"");

    static async Task<string> ReadLineAsync(Process kubectl)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await kubectl.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new Xunit.Sdk.XunitException("kubectl logs -f ended early (exit " + (kubectl.HasExited ? kubectl.ExitCode : -1) + ")");
    }

    static void Stop(Process kubectl)
    {
        if (!kubectl.HasExited) kubectl.Kill(entireProcessTree: true);
    }

    /// <summary>Applies the manifest; disposing deletes the pod (at once) and waits until it is gone.</summary>
    static async Task<PodCleanup> ApplyAsync(PodlifeServerProcess cluster, string pod, string manifest)
    {
        var apply = await cluster.KubectlWithInputAsync(manifest, "apply", "-f", "-");
        Assert.True(apply.ExitCode == 0, apply.StdErr);
        return new PodCleanup(cluster, pod);
    }

    sealed class PodCleanup(PodlifeServerProcess cluster, string pod) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await cluster.KubectlAsync("delete", "pod", pod, "--ignore-not-found", "--grace-period=1", "--wait=true", "--timeout=60s");
    }

    static async Task<string> GetAsync(PodlifeServerProcess cluster, params string[] args)
    {
        if (args[0] is not ("describe" or "logs")) args = ["get", .. args];
        var result = await cluster.KubectlAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result.StdErr}");
        return result.StdOut;
    }
}
