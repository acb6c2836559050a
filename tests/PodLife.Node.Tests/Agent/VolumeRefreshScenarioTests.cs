using k8s;
using k8s.Models;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// configMap, secret and downwardAPI volumes follow their sources as kubelet's remount at each pod sync makes them:
/// a label at once (the pod's change is a sync), a ConfigMap by the next resync (60-90 s); environment variables and
/// subPath mounts keep what the container started with; a source that goes away leaves the files and warns FailedMount.
/// </summary>
public sealed class VolumeRefreshScenarioTests
{
    [Fact]
    public async Task A_changed_ConfigMap_and_label_reach_the_files_but_not_the_environment_or_a_subPath()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "game" },
            Data = new Dictionary<string, string> { ["lives"] = "3", ["level"] = "easy" },
        }, "default", cancellationToken: NodeHarness.Token);
        var app = NodeHarness.Shell("app", "sleep 3600");
        app.Env = [new V1EnvVar { Name = "LIVES", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "game", Key = "lives" } } }];
        app.VolumeMounts =
        [
            new V1VolumeMount { Name = "cm", MountPath = "/cm" },
            new V1VolumeMount { Name = "cm", MountPath = "/etc/lives.conf", SubPath = "lives" },
            // A subPath the volume lacks is made as an empty directory, as kubelet makes it (a known trap with typos).
            new V1VolumeMount { Name = "cm", MountPath = "/etc/typo.conf", SubPath = "livez" },
            new V1VolumeMount { Name = "info", MountPath = "/info" },
        ];
        var pod = NodeHarness.Pod("refresh", app);
        pod.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "one" };
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "cm", ConfigMap = new V1ConfigMapVolumeSource { Name = "game" } },
            new V1Volume { Name = "info", DownwardAPI = new V1DownwardAPIVolumeSource { Items = [new V1DownwardAPIVolumeFile { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } }] } },
        ];
        await h.RunAsync(pod);
        await h.UntilAsync("refresh", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true, what: "Ready");
        Assert.Equal("3", await h.ExecAsync("refresh", "app", "cat", "/cm/lives"));
        Assert.Equal("dir\n", await h.ExecAsync("refresh", "app", "sh", "-c", "test -d /etc/typo.conf && echo dir"));

        await h.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"tier":"two"}}}""", V1Patch.PatchType.MergePatch),
            "refresh", "default", cancellationToken: NodeHarness.Token);
        await h.UntilAsync(async () => await h.ExecAsync("refresh", "app", "cat", "/info/labels") == "tier=\"two\"", "the new label in /info/labels", maxSeconds: 5);

        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "game" },
            Data = new Dictionary<string, string> { ["lives"] = "5", ["bonus"] = "yes" },
        }, "game", "default", cancellationToken: NodeHarness.Token);
        var start = h.Now;
        await h.UntilAsync(async () => await h.ExecAsync("refresh", "app", "cat", "/cm/lives") == "5", "lives=5 in /cm/lives", maxSeconds: 95);
        Assert.InRange((h.Now - start).TotalSeconds, 0, 91);

        Assert.Equal("yes", await h.ExecAsync("refresh", "app", "cat", "/cm/bonus"));
        Assert.Equal("bonus\nlives\n", await h.ExecAsync("refresh", "app", "ls", "/cm"));
        Assert.Equal("3", await h.ExecAsync("refresh", "app", "cat", "/etc/lives.conf"));
        Assert.Equal("3\n", await h.ExecAsync("refresh", "app", "sh", "-c", "echo $LIVES"));
        Assert.Equal(0, (await h.GetAsync("refresh")).Status.ContainerStatuses.Single().RestartCount);
    }

    [Fact]
    public async Task A_deleted_ConfigMap_leaves_the_files_and_warns_FailedMount()
    {
        await using var h = await NodeHarness.StartAsync();
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "gone" },
            Data = new Dictionary<string, string> { ["mode"] = "on" },
        }, "default", cancellationToken: NodeHarness.Token);
        var app = NodeHarness.Shell("app", "sleep 3600");
        app.VolumeMounts = [new V1VolumeMount { Name = "cfg", MountPath = "/cfg" }];
        var pod = NodeHarness.Pod("orphan", app);
        pod.Spec.Volumes = [new V1Volume { Name = "cfg", ConfigMap = new V1ConfigMapVolumeSource { Name = "gone" } }];
        await h.RunAsync(pod);
        await h.UntilAsync("orphan", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true, what: "Ready");

        await h.Client.CoreV1.DeleteNamespacedConfigMapAsync("gone", "default", cancellationToken: NodeHarness.Token);
        var start = h.Now;
        await h.UntilAsync(async () => (await h.EventsAsync("orphan")).Any(e => e.Reason == "FailedMount"), "a FailedMount event", maxSeconds: 95);

        var failed = (await h.EventsAsync("orphan")).First(e => e.Reason == "FailedMount");
        Assert.Equal(("Warning", "MountVolume.SetUp failed for volume \"cfg\" : configmap \"gone\" not found"), (failed.Type, failed.Message));
        Assert.Equal("on", await h.ExecAsync("orphan", "app", "cat", "/cfg/mode"));
        Assert.Equal("Running", (await h.GetAsync("orphan")).Status.Phase);
    }
}
