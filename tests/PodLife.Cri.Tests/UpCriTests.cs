using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.Cri.Tests;

/// <summary>`podlife up --runtime cri` as a user runs it, on the shared containerd, driven by the real kubectl.</summary>
[Collection(CriClusterCollection.Name)]
public sealed class UpCriTests(ContainerdFixture fixture, CriCluster shared)
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    const string Pods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: hi}
        spec:
          restartPolicy: Never
          containers: [{name: main, image: busybox, command: ["sh", "-c", "echo hi; sleep 2; exit 0"]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: three}
        spec:
          restartPolicy: Never
          containers: [{name: main, image: busybox, command: ["sh", "-c", "exit 3"]}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: nope}
        spec:
          containers: [{name: main, image: "busybox:doesnotexist"}]
        """;

    [Fact]
    public async Task Kubectl_sees_real_containers_complete_fail_and_back_off_and_reads_their_logs()
    {
        var cluster = await shared.GetAsync(fixture, Ct);
        try
        {
            var apply = await cluster.KubectlWithInputAsync(Pods, "apply", "-f", "-");
            Assert.True(apply.ExitCode == 0, apply.StdErr);

            await cluster.WaitForAsync("--for=jsonpath={.status.phase}=Succeeded", "pod/hi");
            await cluster.WaitForAsync("--for=jsonpath={.status.phase}=Failed", "pod/three");
            await cluster.WaitForAsync("--for=jsonpath={.status.containerStatuses[0].state.waiting.reason}=ImagePullBackOff", "pod/nope");

            var rows = (await cluster.KubectlAsync("get", "pods", "--no-headers")).StdOut;
            Assert.Matches(new Regex(@"^hi\s+0/1\s+Completed\s+0\s", RegexOptions.Multiline), rows);
            Assert.Matches(new Regex(@"^three\s+0/1\s+Error\s+0\s", RegexOptions.Multiline), rows);
            Assert.Matches(new Regex(@"^nope\s+0/1\s+(ImagePullBackOff|ErrImagePull)\s+0\s", RegexOptions.Multiline), rows);
            var logs = await cluster.KubectlAsync("logs", "hi");
            Assert.True(logs.ExitCode == 0, logs.StdErr);
            Assert.Equal("hi\n", logs.StdOut);
            var runtime = await cluster.KubectlAsync("get", "node", "podlife-node-1", "-o", "jsonpath={.status.nodeInfo.containerRuntimeVersion}");
            Assert.StartsWith("containerd://", runtime.StdOut, StringComparison.Ordinal);
        }
        finally
        {
            // The node agent tears each pod's sandbox down before the pod disappears; the fixture checks nothing leaked.
            await cluster.KubectlAsync("delete", "pods", "hi", "three", "nope", "--wait=true", "--timeout=60s");
        }
    }

    [Theory]
    [InlineData(new[] { "--runtime", "cri", "--containerd-socket", "/nonexistent/containerd.sock" },
        "podlife up: containerd socket /nonexistent/containerd.sock does not exist (is containerd running?)")]
    [InlineData(new[] { "--runtime", "docker" }, "podlife up: --runtime needs simulated or cri")]
    [InlineData(new[] { "--containerd-socket", "/run/x.sock" }, "podlife up: --containerd-socket needs --runtime cri")]
    public async Task Up_says_in_one_line_what_the_cri_runtime_is_missing_and_exits_2(string[] flags, string message)
    {
        using var dir = new TempDirectory();
        var result = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["up", .. flags, "--data-dir", dir.Path, "--port", "0"], ct: Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.StdErr);
    }
}
