using k8s.Models;
using PodLife.Controllers.Endpoints;
using PodLife.Core.Services;

namespace PodLife.Controllers.Tests.Endpoints;

// What pkg/controller/endpoint and pkg/controller/endpointslice write for a Service with a selector.
public class ServiceEndpointsTests
{
    static V1Service Service(string targetPort = "http", bool publishNotReady = false, string? clusterIP = "10.96.3.4") => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", Uid = "svc-uid", Labels = new Dictionary<string, string> { ["tier"] = "front" } },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = clusterIP,
            Selector = new Dictionary<string, string> { ["app"] = "web" },
            Ports = [new V1ServicePort { Name = "http", Port = 80, Protocol = "TCP", TargetPort = targetPort }],
            PublishNotReadyAddresses = publishNotReady,
        },
    };

    static V1Pod Pod(string name, string ip, bool ready = true, string ns = "shop", string app = "web", string phase = "Running", bool deleting = false) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name, NamespaceProperty = ns, Uid = name + "-uid", Labels = new Dictionary<string, string> { ["app"] = app },
            DeletionTimestamp = deleting ? DateTime.UtcNow : null,
        },
        Spec = new V1PodSpec
        {
            NodeName = "node-1",
            Containers = [new V1Container { Name = "main", Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080, Protocol = "TCP" }] }],
        },
        Status = new V1PodStatus
        {
            Phase = phase,
            PodIP = ip,
            Conditions = [new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    static string Addresses(IList<V1EndpointAddress>? addresses) => string.Join(",", (addresses ?? []).Select(a => $"{a.Ip}@{a.TargetRef.Name}"));

    [Fact]
    public void ReadyPodsAreAddressesAndTheOthersNotReadyOnes()
    {
        var endpoints = ServiceEndpoints.Endpoints(Service(), [Pod("b", "10.244.0.9"), Pod("a", "10.244.0.3"), Pod("c", "10.244.0.5", ready: false)]);

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal("10.244.0.3@a,10.244.0.9@b", Addresses(subset.Addresses));
        Assert.Equal("10.244.0.5@c", Addresses(subset.NotReadyAddresses));
        Assert.Equal("http 8080 TCP", string.Join(" ", subset.Ports.Single().Name, subset.Ports.Single().Port, subset.Ports.Single().Protocol));
        Assert.Equal(("web", "shop", "front"), (endpoints.Metadata.Name, endpoints.Metadata.NamespaceProperty, endpoints.Metadata.Labels["tier"]));
        Assert.Equal(("Pod", "node-1"), (subset.Addresses[0].TargetRef.Kind, subset.Addresses[0].NodeName));
    }

    [Fact]
    public void PodsOfOtherLabelsNamespacesOrWithoutIPOrFinishedAreLeftOut()
    {
        var endpoints = ServiceEndpoints.Endpoints(Service(),
        [
            Pod("other-app", "10.244.0.2", app: "db"), Pod("other-ns", "10.244.0.3", ns: "default"), Pod("no-ip", ""),
            Pod("done", "10.244.0.4", phase: "Succeeded"), Pod("leaving", "10.244.0.6", deleting: true),
        ]);

        Assert.Null(endpoints.Subsets);
    }

    [Fact]
    public void APublishNotReadyServiceListsEveryPodAsReady()
    {
        var endpoints = ServiceEndpoints.Endpoints(Service(publishNotReady: true), [Pod("a", "10.244.0.3", ready: false), Pod("leaving", "10.244.0.6", deleting: true)]);

        Assert.Equal("10.244.0.3@a,10.244.0.6@leaving", Addresses(Assert.Single(endpoints.Subsets).Addresses));
    }

    [Fact]
    public void ANamedTargetPortThatAPodLacksLeavesThatPodOut()
    {
        var lacking = Pod("other", "10.244.0.7");
        lacking.Spec.Containers[0].Ports = null;

        var endpoints = ServiceEndpoints.Endpoints(Service(), [Pod("a", "10.244.0.3"), lacking]);
        Assert.Equal("10.244.0.3@a", Addresses(Assert.Single(endpoints.Subsets).Addresses));

        var numbered = ServiceEndpoints.Endpoints(Service(targetPort: "9090"), [lacking]);
        Assert.Equal(9090, Assert.Single(numbered.Subsets).Ports.Single().Port);
    }

    [Fact]
    public void AHeadlessServiceIsLabelledSo() =>
        Assert.Equal("", ServiceEndpoints.Endpoints(Service(clusterIP: "None"), []).Metadata.Labels["service.kubernetes.io/headless"]);

    [Fact]
    public void ASliceListsEveryPodWithItsConditionsAndBelongsToTheService()
    {
        var slice = Assert.Single(ServiceEndpoints.Slices(Service(), [Pod("a", "10.244.0.3"), Pod("c", "10.244.0.5", ready: false), Pod("leaving", "10.244.0.6", deleting: true)]));

        Assert.Equal("IPv4", slice.AddressType);
        Assert.Equal("web-", slice.Metadata.GenerateName);
        Assert.Equal(("web", "endpointslice-controller.k8s.io"), (slice.Metadata.Labels["kubernetes.io/service-name"], slice.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]));
        var owner = Assert.Single(slice.Metadata.OwnerReferences);
        Assert.Equal(("Service", "web", "svc-uid", true), (owner.Kind, owner.Name, owner.Uid, owner.Controller));
        Assert.Equal(["10.244.0.3 ready=True serving=True terminating=False", "10.244.0.5 ready=False serving=False terminating=False", "10.244.0.6 ready=False serving=True terminating=True"],
            slice.Endpoints.Select(e => $"{e.Addresses.Single()} ready={e.Conditions.Ready} serving={e.Conditions.Serving} terminating={e.Conditions.Terminating}"));
        Assert.Equal("http 8080 TCP", string.Join(" ", slice.Ports.Single().Name, slice.Ports.Single().Port, slice.Ports.Single().Protocol));
    }

    [Fact]
    public void AServiceWithoutPodsHasOneEmptySlice()
    {
        var slice = Assert.Single(ServiceEndpoints.Slices(Service(), []));
        Assert.Null(slice.Endpoints);
    }

    [Fact]
    public void OnlyServicesWithASelectorAreManaged()
    {
        var manual = Service();
        manual.Spec.Selector = null;
        Assert.False(ServiceSelection.Managed(manual));
        Assert.False(ServiceSelection.Selects(manual, Pod("a", "10.244.0.3")));
        Assert.True(ServiceSelection.Managed(Service()));
    }
}
