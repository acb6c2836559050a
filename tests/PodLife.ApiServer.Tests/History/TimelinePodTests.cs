using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.History;
using PodLife.ApiServer.Registry;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>The partial pods the recorder decodes give the very timelines (bytes) that the whole pods give.</summary>
public sealed class TimelinePodTests
{
    static readonly DateTimeOffset T0 = new(TestTimes.T0);
    static DateTime At(int seconds) => TestTimes.T0.AddSeconds(seconds);

    // A spec as a real pod has it: images, env, mounts, volumes, resources, probes, labels and managed fields.
    static V1Pod Dressed(V1Pod pod)
    {
        pod.Metadata.Labels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "front" };
        pod.Metadata.Annotations = new Dictionary<string, string> { ["note"] = "ignored" };
        pod.Metadata.CreationTimestamp = At(0);
        pod.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "kubectl", Operation = "Update", FieldsType = "FieldsV1" }];
        foreach (var c in pod.Spec.Containers.Concat(pod.Spec.InitContainers ?? []))
        {
            c.Env = [new V1EnvVar { Name = "A", Value = "1" }];
            c.VolumeMounts = [new V1VolumeMount { MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", Name = "token", ReadOnlyProperty = true }];
            c.ReadinessProbe = new V1Probe { Exec = new V1ExecAction { Command = ["true"] } };
            c.Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } };
        }
        pod.Spec.Volumes = [new V1Volume { Name = "token", Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3607 } }] } }];
        pod.Spec.Tolerations = [new V1Toleration { Key = "node.kubernetes.io/not-ready", OperatorProperty = "Exists", Effect = "NoExecute", TolerationSeconds = 300 }];
        foreach (var (c, i) in (pod.Status.Conditions ?? []).Select((c, i) => (c, i))) c.LastTransitionTime ??= At(i + 1);
        pod.Status.HostIP = "10.0.0.1";
        pod.Status.QosClass = "Burstable";
        return pod;
    }

    static IEnumerable<V1Pod[]> Lives()
    {
        yield return
        [
            new PodBuilder().WithContainers("app", "log"),
            new PodBuilder().WithContainers("app", "log").WithCondition("PodScheduled", "False", "Unschedulable", "0/3 nodes are available"),
            new PodBuilder().WithContainers("app", "log").OnNode("node-1").WithCondition("PodScheduled", "True")
                .WithStatuses(new ContainerStatusBuilder("app").Waiting("ContainerCreating"), new ContainerStatusBuilder("log").Waiting("ContainerCreating")),
            new PodBuilder().WithContainers("app", "log").OnNode("node-1").WithPhase("Running").WithCondition("PodScheduled", "True")
                .WithCondition("Ready", "False", "ContainersNotReady", "containers with unready status: [log]")
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(3)).Ready(), new ContainerStatusBuilder("log").Running(At(3))),
            new PodBuilder().WithContainers("app", "log").OnNode("node-1").WithPhase("Running").WithCondition("PodScheduled", "True")
                .WithCondition("Ready", "True").WithStatuses(new ContainerStatusBuilder("app").Running(At(3)).Ready(), new ContainerStatusBuilder("log").Running(At(3)).Ready()),
            new PodBuilder().WithContainers("app", "log").OnNode("node-1").WithPhase("Running").WithCondition("PodScheduled", "True").Deleting(At(9))
                .WithCondition("Ready", "True").WithStatuses(new ContainerStatusBuilder("app").Running(At(3)).Ready(), new ContainerStatusBuilder("log").Running(At(3)).Ready()),
            new PodBuilder().WithContainers("app", "log").OnNode("node-1").WithPhase("Succeeded").WithCondition("PodScheduled", "True").Deleting(At(9))
                .WithCondition("Ready", "False", "PodCompleted").WithStatuses(new ContainerStatusBuilder("app").Terminated(0, "Completed"), new ContainerStatusBuilder("log").Terminated(0, "Completed")),
        ];
        // Init containers, a sidecar, and a readiness gate the Ready rule reads from the spec (no Ready condition written).
        yield return
        [
            new PodBuilder().WithInitContainers("migrate").WithSidecars("proxy").WithContainers("app").OnNode("node-2").WithReadinessGates("example.com/lb")
                .WithInitStatuses(new ContainerStatusBuilder("migrate").Running(At(1)), new ContainerStatusBuilder("proxy").Waiting("PodInitializing"))
                .WithStatuses(new ContainerStatusBuilder("app").Waiting("PodInitializing")),
            new PodBuilder().WithInitContainers("migrate").WithSidecars("proxy").WithContainers("app").OnNode("node-2").WithReadinessGates("example.com/lb")
                .WithInitStatuses(new ContainerStatusBuilder("migrate").Terminated(0, "Completed"), new ContainerStatusBuilder("proxy").Running(At(2)).Started())
                .WithStatuses(new ContainerStatusBuilder("app").Waiting("ContainerCreating")),
            new PodBuilder().WithInitContainers("migrate").WithSidecars("proxy").WithContainers("app").OnNode("node-2").WithReadinessGates("example.com/lb").WithPhase("Running")
                .WithCondition("Initialized", "True").WithCondition("ContainersReady", "True")
                .WithInitStatuses(new ContainerStatusBuilder("migrate").Terminated(0, "Completed"), new ContainerStatusBuilder("proxy").Running(At(2)).Started().Ready())
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(4)).Ready()),
            new PodBuilder().WithInitContainers("migrate").WithSidecars("proxy").WithContainers("app").OnNode("node-2").WithReadinessGates("example.com/lb").WithPhase("Running")
                .WithCondition("Initialized", "True").WithCondition("ContainersReady", "True").WithCondition("example.com/lb", "True")
                .WithInitStatuses(new ContainerStatusBuilder("migrate").Terminated(0, "Completed"), new ContainerStatusBuilder("proxy").Running(At(2)).Started().Ready())
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(4)).Ready()),
        ];
        // A crash loop, then an eviction.
        yield return
        [
            new PodBuilder().WithContainers("app").OnNode("node-3").WithPhase("Running").WithRestartPolicy("OnFailure")
                .WithStatuses(new ContainerStatusBuilder("app").Running(At(1))),
            new PodBuilder().WithContainers("app").OnNode("node-3").WithPhase("Running").WithRestartPolicy("OnFailure")
                .WithStatuses(new ContainerStatusBuilder("app").Waiting("CrashLoopBackOff", "back-off 10s").LastTerminated(1, "Error").Restarts(1)),
            new PodBuilder().WithContainers("app").OnNode("node-3").WithPhase("Failed").WithRestartPolicy("OnFailure").WithStatusReason("Evicted", "The node was low on memory.")
                .WithStatuses(new ContainerStatusBuilder("app").Terminated(137, "OOMKilled").Restarts(1)),
        ];
    }

    [Fact]
    public void EveryWriteOfALifeRecordsTheSameTimelineBytesAsTheWholePods()
    {
        foreach (var life in Lives())
        {
            var stored = life.Select(p => ObjectCodec.FromModel(Dressed(p))).ToList();
            PodTimeline? whole = null, partial = null;
            for (var i = 0; i < stored.Count; i++)
            {
                var now = T0.AddSeconds(i).AddMilliseconds(250);
                var previous = i == 0 ? null : stored[i - 1];
                whole = TimelineRecording.PodWritten(whole, previous is null ? null : ObjectCodec.As<V1Pod>(previous), ObjectCodec.As<V1Pod>(stored[i]), now);
                partial = TimelineRecording.PodWritten(partial, previous is null ? null : TimelinePod.StatusOf(previous), TimelinePod.Of(stored[i]), now);
                Assert.Equal(Encoded(whole), Encoded(partial));
            }
            Assert.True(whole!.Entries.Count > life.Length, "each life records more than one entry per write");
        }
    }

    [Fact]
    public void ThePartialPodKeepsWhatTheRulesReadAndDropsTheRest()
    {
        var pod = TimelinePod.Of(ObjectCodec.FromModel(Dressed(new PodBuilder().WithSidecars("proxy").WithContainers("app").OnNode("node-1")
            .WithReadinessGates("example.com/lb").WithRestartPolicy("Never").Deleting(At(5)).WithStatuses(new ContainerStatusBuilder("app").Running(At(1)).Ready()))));
        Assert.Equal(("web", "default", "7f1c9a2e-0d4b-4c6e-9a51-3b2f8e6d1c07", At(5)), (pod.Metadata.Name, pod.Metadata.NamespaceProperty, pod.Metadata.Uid, pod.Metadata.DeletionTimestamp));
        Assert.Equal(["app", "tier"], pod.Metadata.Labels.Keys);
        Assert.Equal(("node-1", "Never", "example.com/lb"), (pod.Spec.NodeName, pod.Spec.RestartPolicy, pod.Spec.ReadinessGates.Single().ConditionType));
        Assert.Equal([("proxy", "Always")], pod.Spec.InitContainers.Select(c => (c.Name, c.RestartPolicy)));
        Assert.Equal(["app"], pod.Spec.Containers.Select(c => c.Name));
        var app = pod.Status.ContainerStatuses.Single();
        Assert.Equal((true, At(1)), (app.Ready, app.State.Running.StartedAt));
        // Dropped: nothing of them reaches a timeline.
        Assert.Null(pod.Metadata.ManagedFields);
        Assert.Null(pod.Metadata.Annotations);
        Assert.Null(pod.Spec.Volumes);
        Assert.Null(pod.Spec.Containers.Single().Env);
        Assert.Null(pod.Spec.Containers.Single().Image);
        Assert.Equal((null, null, null), (pod.Status.HostIP, pod.Status.QosClass, app.Image));

        var previous = TimelinePod.StatusOf(ObjectCodec.FromModel(Dressed(new PodBuilder().WithContainers("app"))));
        Assert.Equal(("Pending", null, null), (previous.Status.Phase, previous.Metadata, previous.Spec));
    }

    [Fact]
    public void NullsAndOddShapesAreCarriedAsTheyAre()
    {
        var json = JsonNode.Parse("""
            {"metadata":{"name":"web","labels":null},"spec":{"containers":[null,{"name":"app","image":"x"}],"initContainers":null,"nodeName":null},"status":null}
            """)!.AsObject();
        var pod = TimelinePod.Of(json);
        Assert.Null(pod.Metadata.Labels);
        Assert.Equal([null, "app"], pod.Spec.Containers.Select(c => c?.Name));
        Assert.Null(pod.Spec.InitContainers);
        Assert.Null(pod.Status);
        Assert.Null(TimelinePod.StatusOf(new JsonObject()).Status);
    }

    static byte[] Encoded(PodTimeline t) => PodTimelineJson.ToUtf8(t, PodLife.ApiServer.Http.HttpJson.WriterOptions);
}
