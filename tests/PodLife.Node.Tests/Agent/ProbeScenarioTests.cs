using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>Acceptance scenarios 2 and 5: readiness gating READY, and the liveness example restarting the container.</summary>
public sealed class ProbeScenarioTests
{
    [Fact]
    public async Task A_readiness_probe_that_passes_after_20_seconds_keeps_the_pod_unready_until_then()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("main", "sleep 20; touch /tmp/ready; sleep 3600");
        container.ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/tmp/ready"] }, PeriodSeconds = 5 };
        await h.RunAsync(NodeHarness.Pod("slow", container));

        var running = await h.UntilAsync("slow", p => p.Status?.Phase == PodPhase.Running, what: "Running");
        Assert.Equal("0/1", (await h.RowAsync("slow")).Ready);
        var notReady = running.Status.Conditions.Single(c => c.Type == "ContainersReady");
        Assert.Equal(("False", "ContainersNotReady", "containers with unready status: [main]"), (notReady.Status, notReady.Reason, notReady.Message));
        Assert.Equal("True", running.Status.Conditions.Single(c => c.Type == "Initialized").Status);

        var ready = await h.UntilAsync("slow", p => p.Status.ContainerStatuses.Single().Ready, what: "ready");
        var startedAt = ready.Status.ContainerStatuses.Single().State.Running.StartedAt!.Value;
        Assert.InRange((h.Now.UtcDateTime - startedAt).TotalSeconds, 20, 30);
        Assert.Equal("1/1", (await h.RowAsync("slow")).Ready);
        Assert.All(ready.Status.Conditions, c => Assert.Equal("True", c.Status));
    }

    [Fact]
    public async Task The_liveness_example_fails_three_probes_then_kills_and_restarts_the_container()
    {
        await using var h = await NodeHarness.StartAsync();
        var container = NodeHarness.Shell("liveness", "echo started; touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
        container.LivenessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["cat", "/tmp/healthy"] }, InitialDelaySeconds = 5, PeriodSeconds = 5 };
        var pod = NodeHarness.Pod("liveness-exec", container);
        pod.Spec.TerminationGracePeriodSeconds = 1;
        await h.RunAsync(pod);

        var restarted = await h.UntilAsync("liveness-exec", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.RestartCount == 1, maxSeconds: 90, what: "a restart");

        var events = await h.EventsAsync("liveness-exec");
        var unhealthy = events.Single(e => e.Reason == "Unhealthy");
        Assert.Equal(3, unhealthy.Count);
        Assert.Equal("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", unhealthy.Message);
        Assert.Contains(events, e => e.Reason == "Killing" && e.Message == "Container liveness failed liveness probe, will be restarted");
        Assert.Equal(PodPhase.Running, restarted.Status.Phase);
        var previous = await h.Agent.Logs.ReadAsync(new("default", "liveness-exec", "liveness", Previous: true), NodeHarness.Token);
        Assert.Equal("started\n", previous);
    }

    [Fact]
    public async Task A_gRPC_readiness_probe_passes_on_etcd_and_a_gRPC_liveness_probe_on_a_dead_port_restarts_it()
    {
        await using var h = await NodeHarness.StartAsync();
        var etcd = new V1Container
        {
            Name = "etcd",
            Image = "registry.k8s.io/etcd:3.5.1-0",
            Command = ["/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379"],
            ReadinessProbe = new V1Probe { Grpc = new V1GRPCAction { Port = 2379 }, PeriodSeconds = 5 },
            LivenessProbe = new V1Probe { Grpc = new V1GRPCAction { Port = 2380 }, InitialDelaySeconds = 10, PeriodSeconds = 5 },
        };
        var pod = NodeHarness.Pod("etcd-with-grpc", etcd);
        pod.Spec.TerminationGracePeriodSeconds = 1;
        await h.RunAsync(pod);

        var ready = await h.UntilAsync("etcd-with-grpc", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true, what: "ready");
        var restarted = await h.UntilAsync("etcd-with-grpc", p => p.Status.ContainerStatuses.Single().RestartCount == 1, maxSeconds: 90, what: "a restart");

        var unhealthy = (await h.EventsAsync("etcd-with-grpc")).Single(e => e.Reason == "Unhealthy");
        Assert.Equal(3, unhealthy.Count);
        Assert.Equal($"Liveness probe failed: timeout: failed to connect service \"{ready.Status.PodIP}:2380\" within 1s: context deadline exceeded", unhealthy.Message);
        Assert.Equal(PodPhase.Running, restarted.Status.Phase);
    }
}
