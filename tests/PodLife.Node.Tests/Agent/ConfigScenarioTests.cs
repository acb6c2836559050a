using k8s;
using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// Env from ConfigMaps and Secrets through the API (kubelet_pods.go makeEnvironmentVariables; kuberuntime_container.go
/// startContainer turns its error into Waiting CreateContainerConfigError and a "Failed" event "Error: ...").
/// </summary>
public sealed class ConfigScenarioTests
{
    static V1Pod EnvPod(string name)
    {
        var c = NodeHarness.Shell("main", "echo level=$LEVEL; sleep 3600");
        c.Env = [new V1EnvVar { Name = "LEVEL", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "settings", Key = "level" } } }];
        return NodeHarness.Pod(name, c);
    }

    [Fact]
    public async Task A_missing_ConfigMap_keeps_the_container_waiting_with_CreateContainerConfigError_until_it_exists()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.RunAsync(EnvPod("cfg"));

        var waiting = await h.UntilAsync("cfg", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == ContainerReasons.CreateContainerConfigError,
            what: "CreateContainerConfigError");

        Assert.Equal("configmap \"settings\" not found", waiting.Status.ContainerStatuses.Single().State.Waiting.Message);
        Assert.Equal((PodPhase.Pending, "CreateContainerConfigError"), (waiting.Status.Phase, (await h.RowAsync("cfg")).Status));
        var failed = (await h.EventsAsync("cfg")).Single(e => e.Reason == "Failed");
        Assert.Equal(("Warning", "Error: configmap \"settings\" not found"), (failed.Type, failed.Message));

        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "settings" },
            Data = new Dictionary<string, string> { ["level"] = "debug" },
        }, "default", cancellationToken: NodeHarness.Token);

        await h.UntilAsync("cfg", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null, what: "Running");
        Assert.Equal("level=debug\n", await h.Agent.Logs.ReadAsync(new("default", "cfg", "main"), NodeHarness.Token));
    }

    [Fact]
    public async Task A_failed_start_is_retried_every_10_seconds_and_not_again_for_the_nodes_own_status_writes()
    {
        await using var h = await NodeHarness.StartAsync();
        var pod = EnvPod("retry");
        pod.Spec.Containers[0].Image = "busybox"; // :latest, pulled again before every try
        await h.RunAsync(pod);
        await h.UntilAsync("retry", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == ContainerReasons.CreateContainerConfigError);
        var start = h.Now;

        // Two tries in the first seconds: the first, and the one when kubelet's relist sees the new sandbox. The status
        // writes that reported them are only reconciled: they made no more.
        await h.UntilAsync("retry", _ => h.Now >= start + TimeSpan.FromSeconds(5), maxSeconds: 10);
        Assert.Equal((2, 2), Tries(await h.EventsAsync("retry")));

        // Then kubelet's pod worker tries again 10 s after each failed sync: five more in the minute (each pulls first).
        await h.UntilAsync("retry", _ => h.Now >= start + TimeSpan.FromSeconds(60), maxSeconds: 90);
        var (failed, pulling) = Tries(await h.EventsAsync("retry"));
        Assert.Equal(failed, pulling);
        Assert.InRange(failed, 6, 8);
    }

    static (int Failed, int Pulling) Tries(IReadOnlyList<Corev1Event> events) =>
        (events.Single(e => e.Reason == "Failed").Count ?? 1, events.Single(e => e.Reason == "Pulling").Count ?? 1);

    [Fact]
    public async Task A_missing_key_in_a_Secret_gives_kubelets_couldnt_find_key_message()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds" },
            Data = new Dictionary<string, byte[]> { ["user"] = "admin"u8.ToArray() },
        }, "default", cancellationToken: NodeHarness.Token);
        var c = NodeHarness.Shell("main", "sleep 3600");
        c.Env = [new V1EnvVar { Name = "PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "creds", Key = "password" } } }];
        await h.RunAsync(NodeHarness.Pod("sec", c));

        var waiting = await h.UntilAsync("sec", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == ContainerReasons.CreateContainerConfigError,
            what: "CreateContainerConfigError");

        Assert.Equal("couldn't find key password in Secret default/creds", waiting.Status.ContainerStatuses.Single().State.Waiting.Message);
    }
}
