using k8s.Models;
using PodLife.Core.Explain;

namespace PodLife.Core.Tests.Explain;

// What explain says of the Services that select a pod, by the endpoints controllers' rules.
public class ServiceNotesTests
{
    static V1Service Service(string name, string targetPort = "http", bool publishNotReady = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop" },
        Spec = new V1ServiceSpec
        {
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Port = 80, Protocol = "TCP", TargetPort = targetPort }],
            PublishNotReadyAddresses = publishNotReady,
        },
    };

    static V1Pod Pod(bool ready, string? ip = "10.244.0.3", string phase = "Running") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web-1", NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["app"] = "web" } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "main", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }] }] },
        Status = new V1PodStatus { Phase = phase, PodIP = ip, Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }] },
    };

    static string Notes(V1Pod pod, params V1Service[] services) =>
        string.Join("\n", ServiceNotes.For(pod, services).Select(s => $"{s.Name} {s.Endpoint}: {s.Note}"));

    [Fact]
    public void AReadyPodGetsTrafficAndANotReadyOneWaits()
    {
        Assert.Equal("web True: the pod is Ready, so it is an endpoint and gets the Service's traffic", Notes(Pod(ready: true), Service("web")));
        Assert.Equal("web False: lists the pod as not ready: it gets no traffic from the Service until it is Ready", Notes(Pod(ready: false), Service("web")));
        Assert.Equal("web True: publishes not-ready addresses: the pod is its endpoint, Ready or not", Notes(Pod(ready: false), Service("web", publishNotReady: true)));
    }

    [Fact]
    public void ATargetPortThePodLacksIsNamed() =>
        Assert.Equal("api False: names target port \"grpc\" that no container of the pod declares, so the pod is not its endpoint",
            Notes(Pod(ready: true), Service("api", targetPort: "grpc")));

    [Fact]
    public void PodsWithoutIPOrFinishedAreNoEndpoints()
    {
        Assert.Equal("web False: selects the pod; it becomes an endpoint once the pod has an IP", Notes(Pod(ready: false, ip: null), Service("web")));
        Assert.Equal("web False: selects the pod, but a finished pod is never an endpoint", Notes(Pod(ready: false, phase: "Succeeded"), Service("web")));
    }

    [Fact]
    public void ServicesThatDoNotSelectThePodAreLeftOut()
    {
        var other = Service("db");
        other.Spec.Selector = new Dictionary<string, string> { ["app"] = "db" };
        Assert.Equal("", Notes(Pod(ready: true), other));
        var explanation = Explainer.Explain(Pod(ready: true), [], null, [], null, DateTimeOffset.UtcNow, [other, Service("web")]);
        Assert.Equal(["web"], explanation.Services.Select(s => s.Name));
        Assert.Contains("\nServices:\n  web: the pod is Ready, so it is an endpoint and gets the Service's traffic\n",
            ExplanationText.Render(explanation, DateTimeOffset.UtcNow).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
