using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Core.Client;
using PodLife.Scheduler.Api;
using PodLife.Scheduler.Model;
using PodLife.Scheduler.Tests.Fakes;

namespace PodLife.Scheduler.Tests;

// The scheduler's and controllers' pod caches keep what scheduling reads and drop what only the node reads.
public sealed class PodCacheTrimTests
{
    static V1Pod FullPod()
    {
        var pod = Objects.Pod("web", cpu: "250m", memory: "64Mi", node: "node-1")
            .Tolerating("node.kubernetes.io/not-ready", effect: "NoExecute")
            .WithHostPort(8080)
            .WithNodeSelector("disk", "ssd");
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web" };
        pod.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Apply" }];
        pod.Spec.Priority = 100;
        pod.Spec.Volumes = [new V1Volume { Name = "kube-api-access", Projected = new V1ProjectedVolumeSource { Sources = [] } }];
        var main = pod.Spec.Containers[0];
        main.Command = ["sh", "-c"];
        main.Args = ["sleep 3600"];
        main.Env = [new V1EnvVar { Name = "A", Value = "1" }];
        main.VolumeMounts = [new V1VolumeMount { Name = "kube-api-access", MountPath = "/var/run/secrets" }];
        main.ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } };
        main.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["true"] } } };
        main.SecurityContext = new V1SecurityContext { RunAsUser = 1000 };
        pod.Spec.InitContainers = [Objects.Container("proxy", cpu: "100m", restartPolicy: "Always")];
        pod.Spec.InitContainers[0].Command = ["proxy"];
        pod.Spec.EphemeralContainers = [new V1EphemeralContainer { Name = "debug", Image = "busybox" }];
        pod.Spec.SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true };
        pod.Status = new V1PodStatus
        {
            Phase = "Running",
            NominatedNodeName = "node-2",
            PodIP = "10.244.0.5",
            PodIPs = [new V1PodIP { Ip = "10.244.0.5" }],
            HostIP = "10.0.0.1",
            HostIPs = [new V1HostIP { Ip = "10.0.0.1" }],
            Conditions =
            [
                new V1PodCondition { Type = "PodReadyToStartContainers", Status = "True" },
                new V1PodCondition { Type = "Initialized", Status = "True" },
                new V1PodCondition { Type = "Ready", Status = "True" },
                new V1PodCondition { Type = "ContainersReady", Status = "True" },
                new V1PodCondition { Type = "PodScheduled", Status = "True" },
                new V1PodCondition { Type = "example.com/gate", Status = "True" },
                new V1PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "PreemptionByScheduler" },
            ],
            ContainerStatuses = [new V1ContainerStatus { Name = "web", Ready = true }],
            InitContainerStatuses = [new V1ContainerStatus { Name = "proxy", Ready = true }],
            EphemeralContainerStatuses = [new V1ContainerStatus { Name = "debug", Ready = false }],
        };
        return pod;
    }

    [Fact]
    public void DropsWhatOnlyTheNodeReads()
    {
        var trimmed = PodCacheTrim.Trim(FullPod());

        Assert.Null(trimmed.Metadata.ManagedFields);
        Assert.Null(trimmed.Spec.Volumes);
        var main = trimmed.Spec.Containers.Single();
        Assert.Null(main.Command);
        Assert.Null(main.Args);
        Assert.Null(main.Env);
        Assert.Null(main.VolumeMounts);
        Assert.Null(main.ReadinessProbe);
        Assert.Null(main.Lifecycle);
        Assert.Null(main.SecurityContext);
        Assert.Null(trimmed.Spec.InitContainers.Single().Command);
        Assert.Null(trimmed.Status.ContainerStatuses);
        Assert.Null(trimmed.Status.InitContainerStatuses);
        Assert.Null(trimmed.Spec.SecurityContext);
        Assert.Equal("10.244.0.5", trimmed.Status.PodIP); // the endpoints controller lists it
        Assert.Null(trimmed.Status.PodIPs);
        Assert.Null(trimmed.Status.HostIP);
        Assert.Null(trimmed.Status.HostIPs);
        Assert.DoesNotContain(trimmed.Status.Conditions, c => c.Type is "Initialized" or "ContainersReady" or "PodReadyToStartContainers");
    }

    [Fact]
    public void APodWithOnlyUnreadConditionsKeepsNone()
    {
        var pod = Objects.Pod("web", node: "node-1");
        pod.Status = new V1PodStatus { Conditions = [new V1PodCondition { Type = "Initialized", Status = "True" }] };

        Assert.Null(PodCacheTrim.Trim(pod).Status.Conditions);
    }

    [Fact]
    public void KeepsWhatSchedulingAndTheControllersRead()
    {
        var full = SchedulingPod.From(FullPod());
        var trimmed = SchedulingPod.From(PodCacheTrim.Trim(FullPod()));

        Assert.Equal(full.Requests, trimmed.Requests);
        Assert.Equal(full.NonZeroRequests, trimmed.NonZeroRequests);
        Assert.Equal(full.HostPorts, trimmed.HostPorts);
        Assert.Equal(100, trimmed.Priority);
        Assert.Equal("node-1", trimmed.NodeName);
        var pod = trimmed.Pod;
        Assert.Equal("web", pod.Metadata.Labels["app"]);
        Assert.Equal("ssd", pod.Spec.NodeSelector["disk"]);
        Assert.Equal("node.kubernetes.io/not-ready", pod.Spec.Tolerations.Single().Key);
        Assert.Equal("Always", pod.Spec.InitContainers.Single().RestartPolicy);
        Assert.Equal("Running", pod.Status.Phase);
        Assert.Equal("node-2", pod.Status.NominatedNodeName);
        Assert.Equal(["Ready", "PodScheduled", "example.com/gate", "DisruptionTarget"], pod.Status.Conditions.Select(c => c.Type));
    }

    // Conditions are dropped by type, which a reader skipping names cannot do: the informers trim what they decode.
    static V1Pod TrimmedByTheReader()
    {
        var pod = PodCacheTrim.Trim(FullPod());
        pod.Status.Conditions = FullPod().Status.Conditions;
        return pod;
    }

    [Fact]
    public void DecodingWithTheTrimOptionsSkipsExactlyWhatTrimDrops()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(FullPod(), ModelJson.Options);

        var decoded = JsonSerializer.Deserialize<V1Pod>(json, PodCacheTrim.DecodeOptions)!;

        Assert.Equal(KubernetesJson.Serialize(TrimmedByTheReader()), KubernetesJson.Serialize(decoded));
    }

    [Fact]
    public void TheClientsOwnOptionsStillDecodeTheWholePod()
    {
        _ = JsonSerializer.Deserialize<V1Pod>(JsonSerializer.SerializeToUtf8Bytes(FullPod(), ModelJson.Options), PodCacheTrim.DecodeOptions);

        var full = JsonSerializer.Deserialize<V1Pod>(JsonSerializer.SerializeToUtf8Bytes(FullPod(), ModelJson.Options), ModelJson.Options)!;

        Assert.Equal(KubernetesJson.Serialize(FullPod()), KubernetesJson.Serialize(full));
        Assert.NotNull(full.Spec.Volumes);
        Assert.NotNull(full.Metadata.ManagedFields);
    }

    [Fact]
    public void AWatchEventDecodedWithTheTrimOptionsIsTheTrimmedPod()
    {
        var line = Encoding.UTF8.GetBytes($"{{\"type\":\"MODIFIED\",\"object\":{KubernetesJson.Serialize(FullPod())}}}");

        var (type, pod) = WatchEventDecoder.Decode<V1Pod>(line, PodCacheTrim.DecodeOptions);

        Assert.Equal(WatchEventType.Modified, type);
        Assert.Equal(KubernetesJson.Serialize(TrimmedByTheReader()), KubernetesJson.Serialize(pod));
    }

    [Fact]
    public async Task TheInformerCachesAndHandsOnTransformedObjects()
    {
        var upserted = new List<V1Pod>();
        var watched = FullPod();
        watched.Metadata.Name = "watched";
        var informer = new Informer<V1Pod>(
            _ => Task.FromResult(new Listed<V1Pod>([FullPod()], "1")),
            (_, ct) => Events(watched, ct),
            TimeProvider.System, NullLogger.Instance)
        {
            Transform = PodCacheTrim.Trim,
            OnUpsert = (_, pod) => { lock (upserted) upserted.Add(pod); },
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var run = informer.RunAsync(cts.Token);

        await informer.Synced;
        await Eventually.True(() => informer.Get("default/watched") is not null, "the watched pod is cached");
        Assert.Null(informer.Get("default/web")!.Spec.Volumes);
        Assert.Null(informer.Get("default/watched")!.Spec.Volumes);
        lock (upserted) Assert.All(upserted, p => Assert.Null(p.Metadata.ManagedFields));
        await cts.CancelAsync();
        await run;
    }

    static async IAsyncEnumerable<(WatchEventType, V1Pod)> Events(V1Pod pod, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return (WatchEventType.Added, pod);
        await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
