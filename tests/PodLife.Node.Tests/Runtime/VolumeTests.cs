using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

public sealed class VolumeTests
{
    const string EmptyDir = "/var/lib/kubelet/pods/uid-pod/volumes/kubernetes.io~empty-dir/shared-data";

    [Fact]
    public async Task TwoContainersShareFilesThroughAnEmptyDirMount()
    {
        // kubernetes.io "Communicate Between Containers in the Same Pod Using a Shared Volume": two-container-pod.yaml.
        using var node = new RuntimeHarness();
        await node.PullAsync("debian:bookworm");
        var ip = await StartAsync(node, "nginx-container", "nginx:1.27", [], "/usr/share/nginx/html");
        await StartAsync(node, "debian-container", "debian:bookworm",
            ["/bin/sh", "-c", "echo Hello from the debian container > /pod-data/index.html"], "/pod-data");

        var response = await node.Runtime.HttpGetAsync(ip, 80, "/", TimeSpan.FromSeconds(1), RuntimeHarness.Token);

        Assert.Equal((200, "Hello from the debian container\n"), (response.StatusCode, response.Body));
    }

    [Fact]
    public async Task FilesInAVolumeOutliveARestartWhileTheContainersOwnFilesDoNot()
    {
        using var node = new RuntimeHarness();
        await node.PullAsync("busybox:1.36");
        const string Script = "cat /cache/count /tmp/count; echo x >> /cache/count; echo x >> /tmp/count";

        await StartAsync(node, "app", "busybox:1.36", ["sh", "-c", Script], "/cache");
        var second = await StartAsync(node, "app", "busybox:1.36", ["sh", "-c", Script], "/cache", attempt: 1);

        Assert.Equal("x\ncat: can't open '/tmp/count': No such file or directory", await node.LogAsync(second));
    }

    [Fact]
    public async Task AReadOnlyMountShowsHostFilesAndRefusesWrites()
    {
        using var node = new RuntimeHarness();
        const string Config = "/var/lib/kubelet/pods/uid-pod/volumes/kubernetes.io~configmap/config";
        node.Runtime.WriteHostFile(Config, "game.properties", "lives=3\n");

        var id = await node.RunAsync("busybox:1.36", ["sh", "-c", "cat /etc/config/game.properties; rm /etc/config/game.properties; echo x > /etc/config/new"],
            configure: c => c with { Mounts = [new Mount("/etc/config", Config, ReadOnly: true)] });

        Assert.Equal("lives=3\nrm: can't remove '/etc/config/game.properties': Read-only file system\n"
            + "sh: can't create /etc/config/new: Read-only file system", await node.LogAsync(id));
    }

    static async Task<string> StartAsync(
        RuntimeHarness node, string name, string image, string[] command, string mountPath, int attempt = 0)
    {
        await node.PullAsync(image);
        var pod = RuntimeHarness.Pod();
        var sandbox = (await node.Runtime.ListPodSandboxesAsync(RuntimeHarness.Token)).SingleOrDefault()?.Id
            ?? await node.Runtime.RunPodSandboxAsync(pod, RuntimeHarness.Token);
        var config = new ContainerConfig(name, attempt, image, command, []) { Mounts = [new Mount(mountPath, EmptyDir)] };
        var id = await node.Runtime.CreateContainerAsync(sandbox, config, pod, RuntimeHarness.Token);
        await node.Runtime.StartContainerAsync(id, RuntimeHarness.Token);
        return name == "nginx-container" ? (await node.Runtime.PodSandboxStatusAsync(sandbox, RuntimeHarness.Token)).Ip : id;
    }
}
