using System.Diagnostics;
using System.Text.RegularExpressions;
using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// A Service in front of simulated pods with the real `podlife up` and kubectl: its endpoints list the Ready pod, not
/// the one whose readiness probe fails, as `get endpoints`, `get endpointslices` and `describe svc` show on a cluster.
/// </summary>
public sealed class ServiceEndpointsTests(UpClusterFixture fixture) : IClassFixture<UpClusterFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    static string Pod(string name, string readiness) => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
          labels:
            app: shop
        spec:
          containers:
          - name: main
            image: busybox:1.36
            command: ["sleep", "3600"]
            ports:
            - name: http
              containerPort: 8080
            readinessProbe:
              exec:
                command: ["{readiness}"]
              periodSeconds: 1
        """;

    async Task<string> UntilAsync(Func<Task<string>> read, Regex pattern, string what, int seconds = 60)
    {
        var watch = Stopwatch.StartNew();
        var text = "";
        while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            text = await read();
            if (pattern.IsMatch(text)) return text;
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new Xunit.Sdk.XunitException($"{what} never matched {pattern}; last output:\n{text}");
    }

    [Fact]
    public async Task TheEndpointsListTheReadyPodAndGoWithTheService()
    {
        Ok(await Cluster.KubectlWithInputAsync(Pod("shop-ready", "true"), "apply", "-f", "-"));
        Ok(await Cluster.KubectlWithInputAsync(Pod("shop-unready", "false"), "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("create", "service", "clusterip", "shop", "--tcp=80:http"));

        var readyIP = await UntilAsync(async () => Ok(await Cluster.KubectlAsync("get", "pod", "shop-ready", "-o", "jsonpath={.status.podIP}")).StdOut,
            new Regex(@"^\d+\.\d+\.\d+\.\d+$"), "the ready pod's IP");
        var endpoints = await UntilAsync(async () => Ok(await Cluster.KubectlAsync("get", "endpoints", "shop")).StdOut,
            new Regex($@"\nshop\s+{Regex.Escape(readyIP)}:8080\s+\S+\n$"), "kubectl get endpoints");
        Assert.StartsWith("NAME", endpoints, StringComparison.Ordinal);

        var slices = Ok(await Cluster.KubectlAsync("get", "endpointslices", "-l", "kubernetes.io/service-name=shop", "-o",
            "jsonpath={range .items[*].endpoints[*]}{.targetRef.name}={.conditions.ready} {end}")).StdOut;
        Assert.Equal("shop-ready=true shop-unready=false", string.Join(" ", slices.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)));
        Assert.Matches($@"Endpoints:\s+{Regex.Escape(readyIP)}:8080\n", Ok(await Cluster.KubectlAsync("describe", "svc", "shop")).StdOut);

        Ok(await Cluster.KubectlAsync("delete", "svc", "shop"));
        await UntilAsync(async () => (await Cluster.KubectlAsync("get", "endpoints", "shop")).StdErr,
            new Regex("""Error from server \(NotFound\): endpoints "shop" not found"""), "the endpoints after the service went");
    }
}
