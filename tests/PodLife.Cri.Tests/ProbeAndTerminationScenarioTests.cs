using k8s;
using k8s.Models;

namespace PodLife.Cri.Tests;

/// <summary>Readiness over the pod network and graceful deletion with a preStop hook, with real containers.</summary>
public sealed class ProbeAndTerminationScenarioTests(ContainerdFixture fixture)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_readiness_httpGet_probe_to_the_nginx_image_makes_the_pod_Ready()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        var web = new V1Container
        {
            Name = "web",
            Image = "nginx:1.27",
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = 80 }, PeriodSeconds = 1 },
        };
        await h.RunAsync(CriNodeHarness.Pod("web", "Always", web));

        var pod = await h.UntilAsync("web", p => p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true, what: "Ready");

        Assert.True(pod.Status.ContainerStatuses.Single().Ready);
        Assert.Equal("True", pod.Status.Conditions.Single(c => c.Type == "ContainersReady").Status);
    }

    [Fact]
    public async Task Deleting_a_pod_runs_its_preStop_hook_before_SIGTERM_and_the_container_exits_gracefully()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        // The TERM trap exits 0 only if the preStop hook ran first, so exit code 0 proves the order.
        var main = CriNodeHarness.Shell("main", "trap '[ -f /tmp/prestop ] && exit 0 || exit 9' TERM; while true; do sleep 0.1; done");
        main.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["touch", "/tmp/prestop"] } } };
        var pod = CriNodeHarness.Pod("graceful", "Always", main);
        pod.Spec.TerminationGracePeriodSeconds = 30;
        await h.RunAsync(pod);
        await h.UntilAsync("graceful", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null, what: "running");

        var seen = new List<V1Pod>();
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var watch = Task.Run(async () =>
        {
            var events = h.Client.CoreV1.WatchListNamespacedPodAsync("default", fieldSelector: "metadata.name=graceful", cancellationToken: watchStop.Token);
            await foreach (var (type, pod) in events)
            {
                lock (seen) seen.Add(pod);
                if (type == WatchEventType.Deleted) return;
            }
        }, Token);
        await Task.Delay(300, Token);
        var started = DateTime.UtcNow;
        await h.Client.CoreV1.DeleteNamespacedPodAsync("graceful", "default", cancellationToken: Token);
        await watch.WaitAsync(TimeSpan.FromSeconds(20), Token);

        var took = DateTime.UtcNow - started;
        Assert.True(took < TimeSpan.FromSeconds(20), $"a container that handles SIGTERM must not wait for the grace period; took {took}, saw {KubernetesJson.Serialize(seen.Select(p => p.Status))}");
        var last = seen.Last(p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Terminated is not null);
        var terminated = last.Status.ContainerStatuses.Single().State.Terminated;
        Assert.Equal(("Completed", 0), (terminated.Reason, terminated.ExitCode));
        Assert.Contains(await h.EventsAsync("graceful"), e => e.Reason == "Killing" && e.Message == "Stopping container main");
    }
}
