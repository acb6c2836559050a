using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>The real kubectl (v1.32) against the real `podlife server` binary, with pods driven by hand through the API.</summary>
public sealed class KubectlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    PodlifeServerProcess Server => fixture.Server;
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static string PodYaml(string name, string labels = "app: web") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          labels: {"{"}{labels}{"}"}
        spec:
          containers:
          - name: main
            image: busybox:1.36
        """;

    async Task<string> NewNamespaceAsync()
    {
        var ns = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        Ok(await Server.KubectlAsync("create", "namespace", ns));
        return ns;
    }

    // kubectl apply validates against the server's OpenAPI document, which another part of PodLife serves;
    // until it is there, --validate=false keeps these tests about the API server itself.
    async Task CreatePodAsync(string ns, string name, string labels = "app: web") =>
        Ok(await Server.KubectlWithInputAsync(PodYaml(name, labels), "apply", "--validate=false", "-n", ns, "-f", "-"));

    [Fact]
    public async Task GetPodsPrintsTheKubectlColumnsAndWideAddsNodeColumns()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        var get = Ok(await Server.KubectlAsync("get", "po", "-n", ns));
        Assert.Matches(new Regex(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+0/1\s+Pending\s+0\s+\d+s\n$"), get.StdOut);

        var wide = Ok(await Server.KubectlAsync("get", "po", "-o", "wide", "-n", ns));
        Assert.Matches(new Regex(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\nweb\s+0/1\s+Pending\s+0\s+\d+s\s+<none>\s+<none>\s+<none>\s+<none>\n$"), wide.StdOut);
    }

    [Fact]
    public async Task YamlJsonAndDescribeShowThePodAsTheApiHoldsIt()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        Assert.Contains("  phase: Pending\n", Ok(await Server.KubectlAsync("get", "po", "web", "-n", ns, "-o", "yaml")).StdOut);

        using var client = Server.Client();
        await SetRunningAndReadyAsync(client, ns, "web");
        var json = Ok(await Server.KubectlAsync("get", "po", "web", "-n", ns, "-o", "json")).StdOut;
        var jq = Ok(await ProcessRunner.RunAsync("jq", ["-r", ".status.conditions[] | .type + \"=\" + .status"], stdin: json, ct: Ct));
        Assert.Equal("Ready=True\n", jq.StdOut);

        var describe = Ok(await Server.KubectlAsync("describe", "po", "web", "-n", ns)).StdOut;
        Assert.Matches(new Regex(@"Status:\s+Running"), describe);
        Assert.Matches(new Regex(@"Conditions:\n\s+Type\s+Status\n\s+Ready\s+True"), describe);
        Assert.Matches(new Regex(@"Restart Count:\s+0"), describe);
        Assert.Contains("Events:", describe);
    }

    static async Task SetRunningAndReadyAsync(Kubernetes client, string ns, string name)
    {
        var pod = await client.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: Ct);
        pod.Status.Phase = "Running";
        pod.Status.Conditions = [new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = DateTime.UtcNow }];
        pod.Status.ContainerStatuses =
        [
            new V1ContainerStatus
            {
                Name = "main", Image = "busybox:1.36", ImageID = "", Ready = true, RestartCount = 0, Started = true,
                State = new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = DateTime.UtcNow } },
            },
        ];
        await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, ns, cancellationToken: Ct);
    }

    [Fact]
    public async Task ApplyLabelAnnotateAndAllThreePatchTypesChangeThePod()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        Assert.Equal("pod/web configured\n", Ok(await Server.KubectlWithInputAsync(PodYaml("web", "app: shop"), "apply", "--validate=false", "-n", ns, "-f", "-")).StdOut);
        Assert.Equal("pod/web labeled\n", Ok(await Server.KubectlAsync("label", "po", "web", "tier=front", "-n", ns)).StdOut);
        Assert.Equal("pod/web annotated\n", Ok(await Server.KubectlAsync("annotate", "po", "web", "note=hi", "-n", ns)).StdOut);
        Ok(await Server.KubectlAsync("patch", "po", "web", "-n", ns, "--type=json", "-p", """[{"op":"add","path":"/metadata/labels/j","value":"1"}]"""));
        Ok(await Server.KubectlAsync("patch", "po", "web", "-n", ns, "--type=merge", "-p", """{"metadata":{"labels":{"m":"1"}}}"""));
        Ok(await Server.KubectlAsync("patch", "po", "web", "-n", ns, "-p", """{"spec":{"containers":[{"name":"main","image":"busybox:1.37"}]}}"""));

        var shown = Ok(await Server.KubectlAsync("get", "po", "web", "-n", ns, "-o", "jsonpath={.metadata.labels} {.metadata.annotations.note} {.spec.containers[0].image}"));
        Assert.Equal("""{"app":"shop","j":"1","m":"1","tier":"front"} hi busybox:1.37""", shown.StdOut);
    }

    [Fact]
    public async Task ReplaceWithAStaleResourceVersionPrintsTheConflict()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        var stale = Ok(await Server.KubectlAsync("get", "po", "web", "-n", ns, "-o", "yaml")).StdOut;
        Ok(await Server.KubectlAsync("label", "po", "web", "x=1", "-n", ns));
        var r = await Server.KubectlWithInputAsync(stale, "replace", "--validate=false", "-f", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on pods \"web\": the object has been modified; please apply your changes to the latest version and try again\n", r.StdErr);
    }

    [Fact]
    public async Task DeleteRemovesAnUnboundPodAndForceDeleteRemovesABoundOne()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        Assert.Equal("pod \"web\" deleted\n", Ok(await Server.KubectlAsync("delete", "po", "web", "-n", ns)).StdOut);

        using var client = Server.Client();
        var bound = new V1Pod { Metadata = new V1ObjectMeta { Name = "bound" }, Spec = new V1PodSpec { NodeName = "n1", Containers = [new V1Container { Name = "main", Image = "busybox:1.36" }] } };
        await client.CoreV1.CreateNamespacedPodAsync(bound, ns, cancellationToken: Ct);
        var force = Ok(await Server.KubectlAsync("delete", "po", "bound", "-n", ns, "--grace-period=0", "--force"));
        Assert.Contains("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated.", force.StdErr);
        Assert.Equal("pod \"bound\" force deleted\n", force.StdOut);
        Assert.Contains("No resources found", Ok(await Server.KubectlAsync("get", "po", "-n", ns)).StdErr);
    }

    [Fact]
    public async Task WaitForReadyAndForDeleteReturnWhenTheApiChanges()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        using var client = Server.Client();

        using var waitReady = Server.StartKubectl("wait", "--for=condition=Ready", "pod/web", "-n", ns, "--timeout=60s");
        await SetRunningAndReadyAsync(client, ns, "web");
        Assert.Equal("pod/web condition met", (await waitReady.StandardOutput.ReadLineAsync(Ct))?.Trim());
        await waitReady.WaitForExitAsync(Ct);
        Assert.Equal(0, waitReady.ExitCode);

        using var waitDelete = Server.StartKubectl("wait", "--for=delete", "pod/web", "-n", ns, "--timeout=60s");
        await Task.Delay(500, Ct); // let kubectl see the pod first, so the deletion is what it waits for
        await client.CoreV1.DeleteNamespacedPodAsync("web", ns, cancellationToken: Ct);
        await waitDelete.WaitForExitAsync(Ct);
        Assert.Equal(0, waitDelete.ExitCode);
    }

    [Fact]
    public async Task GetWatchPrintsEachChangeAsARow()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        using var watch = Server.StartKubectl("get", "po", "-w", "-n", ns);
        // Change the pod only after kubectl has listed it, so the change must arrive through the watch.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var lines = new List<string>();
        while (lines.Count < 2 && await watch.StandardOutput.ReadLineAsync(timeout.Token) is { } line) lines.Add(line);
        using var client = Server.Client();
        await SetRunningAndReadyAsync(client, ns, "web");
        while (lines.Count < 3 && await watch.StandardOutput.ReadLineAsync(timeout.Token) is { } line) lines.Add(line);
        watch.Kill();
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$", lines[0]);
        Assert.Matches(@"^web\s+0/1\s+Pending\s+0\s+\d+s$", lines[1]);
        Assert.Matches(@"^web\s+1/1\s+Running\s+0\s+\d+s$", lines[2]);
    }

    [Fact]
    public async Task GetEventsAllNamespacesApiResourcesAndVersionWork()
    {
        var ns = await NewNamespaceAsync();
        await CreatePodAsync(ns, "web");
        using var client = Server.Client();
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "web.1" },
            InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = "web", NamespaceProperty = ns, ApiVersion = "v1" },
            Reason = "Scheduled", Message = $"Successfully assigned {ns}/web to n1", Type = "Normal",
            Source = new V1EventSource { Component = "default-scheduler" },
            FirstTimestamp = DateTime.UtcNow, LastTimestamp = DateTime.UtcNow, Count = 1,
        }, ns, cancellationToken: Ct);

        var events = Ok(await Server.KubectlAsync("get", "events", "-n", ns)).StdOut;
        Assert.Matches(new Regex(@"^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n\d+s\s+Normal\s+Scheduled\s+pod/web\s+Successfully assigned e2e-\w+/web to n1\n$"), events);
        // Pods and services are in the "all" category, so kubectl prints each row with its kind, as a cluster does.
        Assert.Matches(new Regex(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod/web\s+0/1\s+Pending"), Ok(await Server.KubectlAsync("get", "all", "-n", ns)).StdOut);
        Assert.Matches(new Regex(@"default\s+Active\s+\d+s\n(.|\n)*kube-system\s+Active"), Ok(await Server.KubectlAsync("get", "ns")).StdOut);
        var resources = Ok(await Server.KubectlAsync("api-resources")).StdOut;
        Assert.Matches(new Regex(@"pods\s+po\s+v1\s+true\s+Pod"), resources);
        Assert.Matches(new Regex(@"leases\s+coordination.k8s.io/v1\s+true\s+Lease"), resources);
        Assert.Matches(new Regex(@"Server Version: v1\.32\.\d+"), Ok(await Server.KubectlAsync("version")).StdOut);
    }

    [Fact]
    public async Task AWrongTokenIsRejectedAsUnauthorized()
    {
        var config = await File.ReadAllTextAsync(Server.KubeconfigPath, Ct);
        var bad = Path.Combine(Server.DataDir, "bad-kubeconfig");
        await File.WriteAllTextAsync(bad, Regex.Replace(config, @"token: \S+", "token: wrong"), Ct);
        var r = await ProcessRunner.RunAsync("kubectl", ["get", "po"], new Dictionary<string, string> { ["KUBECONFIG"] = bad, ["HOME"] = Server.DataDir }, ct: Ct);
        Assert.Equal(1, r.ExitCode);
        // kubectl's discovery reads the 401 first and words it as client-go's unstructured 401 error.
        Assert.Contains("error: You must be logged in to the server (the server has asked for the client to provide credentials)", r.StdErr);
    }
}
