using k8s;
using k8s.Models;

namespace PodLife.Node.Tests.Agent;

/// <summary>
/// The service variables a node gives a container (kubelet's getServiceEnvVarMap over its service informer): the
/// kubernetes service always, the pod's namespace's services unless enableServiceLinks is false, as they were when the
/// container started (a service made later reaches the containers started after it).
/// </summary>
public sealed class ServiceEnvScenarioTests
{
    [Fact]
    public async Task A_container_sees_the_services_that_existed_when_it_started()
    {
        await using var h = await NodeHarness.StartAsync();
        var web = await h.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "my-web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 8080, Name = "http" }] },
        }, "default", cancellationToken: NodeHarness.Token);
        var kubernetes = await h.Client.CoreV1.ReadNamespacedServiceAsync("kubernetes", "default", cancellationToken: NodeHarness.Token);
        var app = NodeHarness.Shell("app", "sleep 3600");
        app.Env = [new V1EnvVar { Name = "WEB_URL", Value = "http://$(MY_WEB_SERVICE_HOST):$(MY_WEB_SERVICE_PORT_HTTP)" }];
        var linked = NodeHarness.Pod("linked", app);
        var unlinked = NodeHarness.Pod("unlinked", NodeHarness.Shell("app", "sleep 3600"));
        unlinked.Spec.EnableServiceLinks = false;

        // kubelet's race (a pod started before its node heard of a service lacks its variables) is not what is tested.
        await h.UntilAsync(() => Task.FromResult(h.Agent.Services.Service("default", "my-web") is not null), "the node sees the service");
        await h.RunAsync(linked);
        await h.RunAsync(unlinked);
        await h.UntilAsync("linked", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true, what: "Ready");
        await h.UntilAsync("unlinked", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true, what: "Ready");

        var ip = web.Spec.ClusterIP;
        Assert.Equal($"{ip} 8080 tcp://{ip}:8080 http://{ip}:8080", await h.ExecAsync("linked", "app", "sh", "-c",
            "echo -n $MY_WEB_SERVICE_HOST $MY_WEB_SERVICE_PORT $MY_WEB_PORT_8080_TCP $WEB_URL"));
        Assert.Equal($"{kubernetes.Spec.ClusterIP}:443", await h.ExecAsync("linked", "app", "sh", "-c", "echo -n $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT_HTTPS"));
        Assert.Equal($"{kubernetes.Spec.ClusterIP}|", await h.ExecAsync("unlinked", "app", "sh", "-c", "echo -n $KUBERNETES_SERVICE_HOST\\|$MY_WEB_SERVICE_HOST"));

        // A service made later is not in a running container's environment (kubelet sets it at the start only).
        await h.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "late" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
        }, "default", cancellationToken: NodeHarness.Token);
        await h.UntilAsync(() => Task.FromResult(h.Agent.Services.Service("default", "late") is not null), "the node sees the late service");
        Assert.Equal("", await h.ExecAsync("linked", "app", "sh", "-c", "echo -n $LATE_SERVICE_HOST"));
        // A container started after it has it.
        await h.RunAsync(NodeHarness.Pod("later", NodeHarness.Shell("app", "sleep 3600")));
        await h.UntilAsync("later", p => p.Status?.ContainerStatuses?.SingleOrDefault()?.Ready == true, what: "Ready");
        var late = await h.Client.CoreV1.ReadNamespacedServiceAsync("late", "default", cancellationToken: NodeHarness.Token);
        Assert.Equal(late.Spec.ClusterIP, await h.ExecAsync("later", "app", "sh", "-c", "echo -n $LATE_SERVICE_HOST"));
    }
}
