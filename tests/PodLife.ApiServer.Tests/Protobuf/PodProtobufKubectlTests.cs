using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>kubectl debug creates pods with protobuf bodies (a typed client); the real kubectl against the server.</summary>
public sealed class PodProtobufKubectlTests(ITestOutputHelper output) : InProcessKubectlTests(output)
{
    [Fact]
    public async Task KubectlDebugNodeCreatesAHostPodFromAProtobufBody()
    {
        Assert.Equal(201, (await Raw.PostAsync(Api.Http, "/api/v1/nodes", """{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"}}""")).Code);

        var debug = await Kubectl("debug", "node/n1", "--image=busybox", "-v=8");
        var name = Regex.Match(debug.StdOut, @"Creating debugging pod (node-debugger-n1-\w+) with container debugger on node n1\.").Groups[1].Value;
        var pod = await Kubectl("get", "pod", name, "-o",
            "jsonpath={.spec.nodeName} {.spec.hostPID} {.spec.hostNetwork} {.spec.volumes[0].hostPath.path} {.spec.containers[0].volumeMounts[0].mountPath} {.spec.tolerations[0].operator} {.spec.restartPolicy}");

        Assert.Equal(0, debug.ExitCode);
        Assert.Contains("Content-Type: application/vnd.kubernetes.protobuf", debug.StdErr);
        Assert.NotEqual("", name);
        Assert.Equal("n1 true true / /host Exists Never", pod.StdOut);
    }

    [Fact]
    public async Task KubectlDebugCopiesAPodWithItsProbesPortsAndResources()
    {
        Assert.Equal(201, (await Raw.PostAsync(Api.Http, "/api/v1/namespaces/default/pods", """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx",
             "ports":[{"name":"http","containerPort":80}],"resources":{"requests":{"cpu":"100m","memory":"32Mi"},"limits":{"memory":"64Mi"}},
             "env":[{"name":"MODE","value":"fast"}],"readinessProbe":{"httpGet":{"path":"/","port":"http"},"periodSeconds":3},
             "livenessProbe":{"tcpSocket":{"port":80}}}]}}
            """)).Code);

        var debug = await Kubectl("debug", "web", "--copy-to=web-copy", "--image=busybox", "--container=debugger");
        var copy = await Kubectl("get", "pod", "web-copy", "-o",
            "jsonpath={.spec.containers[*].name} {.spec.containers[0].ports[0].containerPort} {.spec.containers[0].resources.requests.cpu} {.spec.containers[0].resources.limits.memory} {.spec.containers[0].env[0].value} {.spec.containers[0].readinessProbe.httpGet.port} {.spec.containers[0].livenessProbe.tcpSocket.port} {.spec.tolerations[0].tolerationSeconds}");

        Assert.Equal(0, debug.ExitCode);
        Assert.Equal("app debugger 80 100m 64Mi fast http 80 300", copy.StdOut);
    }

    [Fact]
    public async Task KubectlDebugCopiesAPodWithEveryVolumeSourceAndAffinityIntact()
    {
        Assert.Equal(201, (await Raw.PostAsync(Api.Http, "/api/v1/namespaces/default/pods", ProtobufTestObjects.PodJson("web"))).Code);

        // kubectl (Go, gogo-protobuf) reads the pod and posts its copy, with one more container, as protobuf.
        var debug = await Kubectl("debug", "web", "--copy-to=web-copy", "--image=busybox", "--container=debugger", "--keep-labels", "--keep-liveness",
            "--keep-readiness", "--keep-startup", "-v=8");
        var original = (await Raw.GetAsync(Api.Http, "/api/v1/namespaces/default/pods/web")).Json["spec"]!.AsObject();
        var copy = (await Raw.GetAsync(Api.Http, "/api/v1/namespaces/default/pods/web-copy")).Json["spec"]!.AsObject();
        var debugger = copy["containers"]!.AsArray()[^1]!;
        copy["containers"]!.AsArray().Remove(debugger);

        Assert.Equal(0, debug.ExitCode);
        Assert.Contains("Content-Type: application/vnd.kubernetes.protobuf", debug.StdErr);
        Assert.Equal("debugger", debugger["name"]!.GetValue<string>());
        Assert.Equal(original.ToJsonString(), copy.ToJsonString());
    }
}
