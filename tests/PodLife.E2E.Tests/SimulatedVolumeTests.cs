using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>
/// Volumes on `podlife up`'s simulated nodes: an emptyDir shared by the containers that mount it, configMap and
/// downwardAPI files (a label change rewritten into them), read-only where Kubernetes makes them so, and a missing ConfigMap holding the pod in
/// ContainerCreating with FailedMount until it exists.
/// </summary>
public sealed class SimulatedVolumeTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    [Fact]
    public async Task ContainersShareAnEmptyDirAndReadConfigMapAndDownwardApiFiles()
    {
        Ok(await Cluster.KubectlAsync("create", "configmap", "game", "--from-literal=lives=3"));
        Ok(await Cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: shared, labels: {app: web}}
            spec:
              volumes: [{name: data, emptyDir: {}}, {name: cm, configMap: {name: game}}, {name: info, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}]
              containers:
              - {name: writer, image: busybox:1.36, command: ["sh", "-c", "echo hello > /data/x; mkdir -p /data/sub; echo deep > /data/sub/y; sleep 3600"], volumeMounts: [{name: data, mountPath: /data}, {name: cm, mountPath: /cm}, {name: info, mountPath: /info}, {name: cm, mountPath: /etc/lives.conf, subPath: lives}]}
              - {name: reader, image: busybox:1.36, command: ["sleep", "3600"], volumeMounts: [{name: data, mountPath: /data}, {name: data, mountPath: /sub, subPath: sub}]}
            """, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/shared", "--timeout=60s"));

        Assert.Equal("hello\n", Ok(await Cluster.KubectlAsync("exec", "shared", "-c", "reader", "--", "cat", "/data/x")).StdOut);
        Assert.Equal("3", Ok(await Cluster.KubectlAsync("exec", "shared", "-c", "writer", "--", "cat", "/cm/lives")).StdOut);
        Assert.Equal("app=\"web\"", Ok(await Cluster.KubectlAsync("exec", "shared", "-c", "writer", "--", "cat", "/info/labels")).StdOut);
        // A subPath mounts one file of the configMap, or one directory of the emptyDir (made when missing, as kubelet does).
        Assert.Equal("3", Ok(await Cluster.KubectlAsync("exec", "shared", "-c", "writer", "--", "cat", "/etc/lives.conf")).StdOut);
        Assert.Equal("deep\n", Ok(await Cluster.KubectlAsync("exec", "shared", "-c", "reader", "--", "cat", "/sub/y")).StdOut);
        var readOnly = await Cluster.KubectlAsync("exec", "shared", "-c", "writer", "--", "sh", "-c", "echo 9 > /cm/lives");
        Assert.Equal((1, "sh: can't create /cm/lives: Read-only file system\ncommand terminated with exit code 1\n"), (readOnly.ExitCode, readOnly.StdErr));

        // A new label reaches the downwardAPI file (the pod's change is a sync, and a sync rewrites the volume).
        Ok(await Cluster.KubectlAsync("label", "pod", "shared", "app=api", "--overwrite"));
        var labels = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline && labels != "app=\"api\""; await Task.Delay(200, TestContext.Current.CancellationToken))
        {
            labels = Ok(await Cluster.KubectlAsync("exec", "shared", "-c", "writer", "--", "cat", "/info/labels")).StdOut;
        }
        Assert.Equal("app=\"api\"", labels);
    }

    [Fact]
    public async Task AMissingConfigMapHoldsThePodInContainerCreatingUntilItExists()
    {
        Ok(await Cluster.KubectlWithInputAsync("""
            apiVersion: v1
            kind: Pod
            metadata: {name: waits}
            spec:
              volumes: [{name: cfg, configMap: {name: later}}]
              containers:
              - {name: app, image: busybox:1.36, command: ["sleep", "3600"], volumeMounts: [{name: cfg, mountPath: /cfg}]}
            """, "apply", "-f", "-"));
        Ok(await Cluster.KubectlAsync("wait", "--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ContainerCreating", "pod/waits", "--timeout=60s"));
        var events = Ok(await Cluster.KubectlAsync("get", "events", "--field-selector", "involvedObject.name=waits,reason=FailedMount", "-o", "jsonpath={.items[0].message}"));
        Assert.Equal("MountVolume.SetUp failed for volume \"cfg\" : configmap \"later\" not found", events.StdOut);

        Ok(await Cluster.KubectlAsync("create", "configmap", "later", "--from-literal=ready=yes"));
        Ok(await Cluster.KubectlAsync("wait", "--for=condition=Ready", "pod/waits", "--timeout=90s"));
        Assert.Equal("yes", Ok(await Cluster.KubectlAsync("exec", "waits", "--", "cat", "/cfg/ready")).StdOut);
    }
}
