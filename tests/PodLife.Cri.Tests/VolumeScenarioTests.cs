using System.Text;
using k8s;
using k8s.Models;

namespace PodLife.Cri.Tests;

/// <summary>emptyDir, configMap and secret volumes and termination messages, with real containers and bind mounts.</summary>
public sealed class VolumeScenarioTests(ContainerdFixture fixture)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfigMap_secret_and_emptyDir_volumes_are_mounted_and_an_emptyDir_is_shared_by_the_containers()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "app" },
            Data = new Dictionary<string, string> { ["greeting"] = "hello from a configmap", ["ignored"] = "not listed" },
        }, "default", cancellationToken: Token);
        await h.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "creds" },
            Data = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("s3cret") },
        }, "default", cancellationToken: Token);
        var writer = CriNodeHarness.Shell("writer", "echo shared > /cache/note; sleep 600");
        var reader = CriNodeHarness.Shell("reader", """
            while [ ! -f /cache/note ]; do sleep 0.1; done
            cat /etc/app/conf/greeting.txt; echo; cat /etc/creds/password; echo; cat /cache/note
            ls /etc/app/conf
            ls -lL /etc/app/conf/greeting.txt | head -c 10; echo
            grep -q ' /etc/creds tmpfs ' /proc/mounts && echo secret-on-tmpfs
            touch /etc/app/x 2>/dev/null || echo configmap-read-only
            touch /etc/creds/x 2>/dev/null || echo secret-read-only
            """);
        writer.VolumeMounts = [new V1VolumeMount { Name = "cache", MountPath = "/cache" }];
        reader.VolumeMounts =
        [
            new V1VolumeMount { Name = "cache", MountPath = "/cache" },
            new V1VolumeMount { Name = "app", MountPath = "/etc/app" },
            new V1VolumeMount { Name = "creds", MountPath = "/etc/creds" },
        ];
        var pod = CriNodeHarness.Pod("volumes", "Never", writer, reader);
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource() },
            new V1Volume
            {
                Name = "app",
                ConfigMap = new V1ConfigMapVolumeSource { Name = "app", DefaultMode = 0x100, Items = [new V1KeyToPath { Key = "greeting", Path = "conf/greeting.txt" }] },
            },
            new V1Volume { Name = "creds", Secret = new V1SecretVolumeSource { SecretName = "creds" } },
        ];
        await h.RunAsync(pod);

        await h.UntilAsync("volumes", p => p.Status?.ContainerStatuses?.SingleOrDefault(c => c.Name == "reader")?.State?.Terminated is not null, what: "reader done");

        Assert.Equal("""
            hello from a configmap
            s3cret
            shared
            greeting.txt
            -r--------
            secret-on-tmpfs
            configmap-read-only
            secret-read-only

            """.ReplaceLineEndings("\n"), await h.LogsAsync("volumes", "reader"));
    }

    [Fact]
    public async Task A_missing_configMap_holds_the_pod_in_ContainerCreating_with_FailedMount_until_it_exists()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        var main = CriNodeHarness.Shell("main", "cat /config/level");
        main.VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/config" }];
        var pod = CriNodeHarness.Pod("waits", "Never", main);
        pod.Spec.Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = "late" } }];
        await h.RunAsync(pod);

        await h.UntilAsync("waits", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Waiting?.Reason == "ContainerCreating", what: "ContainerCreating");
        var failed = await UntilEventAsync(h, "waits", "FailedMount");
        Assert.Equal(("Warning", "MountVolume.SetUp failed for volume \"config\" : configmap \"late\" not found"), (failed.Type, failed.Message));
        Assert.Equal("Pending", (await h.GetAsync("waits")).Status.Phase);

        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "late" },
            Data = new Dictionary<string, string> { ["level"] = "debug" },
        }, "default", cancellationToken: Token);

        await h.UntilAsync("waits", p => p.Status?.Phase == "Succeeded", what: "Succeeded");
        Assert.Equal("debug", await h.LogsAsync("waits", "main"));
    }

    [Fact]
    public async Task A_sync_rewrites_configMap_and_downwardAPI_files_atomically_but_a_subPath_keeps_its_file()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        await h.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "flags" },
            Data = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
        }, "default", cancellationToken: Token);
        var main = CriNodeHarness.Shell("main", """
            echo ready > /tmp/ready
            until grep -q two /info/labels; do sleep 0.2; done
            cat /cm/a; echo; cat /etc/a.conf; echo; ls /cm; cat /info/labels
            """);
        main.VolumeMounts =
        [
            new V1VolumeMount { Name = "cm", MountPath = "/cm" },
            new V1VolumeMount { Name = "cm", MountPath = "/etc/a.conf", SubPath = "a" },
            new V1VolumeMount { Name = "info", MountPath = "/info" },
        ];
        var pod = CriNodeHarness.Pod("refresh", "Never", main);
        pod.Metadata.Labels = new Dictionary<string, string> { ["tier"] = "one" };
        pod.Spec.Volumes =
        [
            new V1Volume { Name = "cm", ConfigMap = new V1ConfigMapVolumeSource { Name = "flags" } },
            new V1Volume { Name = "info", DownwardAPI = new V1DownwardAPIVolumeSource { Items = [new V1DownwardAPIVolumeFile { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } }] } },
        ];
        await h.RunAsync(pod);
        await h.UntilAsync("refresh", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Running is not null, what: "Running");

        await h.Client.CoreV1.ReplaceNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "flags" },
            Data = new Dictionary<string, string> { ["a"] = "9", ["c"] = "3" },
        }, "flags", "default", cancellationToken: Token);
        // The label change syncs the pod at once, and a sync remounts every such volume (the ConfigMap too).
        await h.Client.CoreV1.PatchNamespacedPodAsync(new V1Patch("""{"metadata":{"labels":{"tier":"two"}}}""", V1Patch.PatchType.MergePatch),
            "refresh", "default", cancellationToken: Token);

        await h.UntilAsync("refresh", p => p.Status?.Phase == "Succeeded", what: "Succeeded");
        Assert.Equal("9\n1\na\nc\ntier=\"two\"", await h.LogsAsync("refresh", "main"));
    }

    [Fact]
    public async Task Termination_messages_come_from_the_file_its_last_4096_bytes_or_the_log_tail_on_error()
    {
        await using var h = await CriNodeHarness.StartAsync(fixture);
        var file = CriNodeHarness.Shell("file", "printf bye > /dev/termination-log; exit 3");
        var logs = CriNodeHarness.Shell("logs", "echo starting; echo oops; exit 2");
        logs.TerminationMessagePolicy = "FallbackToLogsOnError";
        var big = CriNodeHarness.Shell("big", "head -c 5000 /dev/zero | tr '\\0' a > /tmp/msg; printf END >> /tmp/msg");
        big.TerminationMessagePath = "/tmp/msg";
        await h.RunAsync(CriNodeHarness.Pod("messages", "Never", file, logs, big));

        var pod = await h.UntilAsync("messages", p => p.Status?.Phase == "Failed", what: "Failed");

        var terminated = pod.Status.ContainerStatuses.ToDictionary(c => c.Name, c => c.State.Terminated);
        Assert.Equal(("bye", 3), (terminated["file"].Message, terminated["file"].ExitCode));
        Assert.Equal(("starting\noops\n", 2), (terminated["logs"].Message, terminated["logs"].ExitCode));
        Assert.Equal(4096, terminated["big"].Message.Length);
        Assert.EndsWith("aaaEND", terminated["big"].Message, StringComparison.Ordinal);
    }

    static async Task<Corev1Event> UntilEventAsync(CriNodeHarness h, string pod, string reason)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200, Token))
        {
            if ((await h.EventsAsync(pod)).FirstOrDefault(e => e.Reason == reason) is { } found) return found;
        }
        throw new Xunit.Sdk.XunitException($"no {reason} event for {pod}: {KubernetesJson.Serialize(await h.EventsAsync(pod))}");
    }
}
