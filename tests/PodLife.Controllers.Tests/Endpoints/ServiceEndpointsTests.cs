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

    static IEnumerable<V1Pod> Many(int count, string prefix, bool ready) =>
        Enumerable.Range(0, count).Select(i => Pod($"{prefix}{i}", $"10.{(ready ? 1 : 2)}.{i / 250}.{i % 250 + 1}", ready));

    [Fact]
    public void EndpointsUnderCapacityAreWholeAndUnmarked()
    {
        var endpoints = ServiceEndpoints.Endpoints(Service(), Many(600, "r", ready: true).Concat(Many(400, "n", ready: false)));

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal((600, 400), (subset.Addresses.Count, subset.NotReadyAddresses.Count));
        Assert.Null(endpoints.Metadata.Annotations);
    }

    [Fact]
    public void OverCapacityTheNotReadyAddressesAreCutFirstAndTheEndpointsMarkedTruncated()
    {
        var endpoints = ServiceEndpoints.Endpoints(Service(), Many(700, "r", ready: true).Concat(Many(500, "n", ready: false)));

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal((700, 300), (subset.Addresses.Count, subset.NotReadyAddresses.Count));
        // The first by IP are kept.
        Assert.Equal("10.2.0.1", subset.NotReadyAddresses[0].Ip);
        Assert.Equal("truncated", endpoints.Metadata.Annotations[ServiceEndpoints.OverCapacityAnnotation]);
    }

    [Fact]
    public void WithMoreReadyAddressesThanCapacityOnlyReadyOnesAreKept()
    {
        var endpoints = ServiceEndpoints.Endpoints(Service(), Many(1200, "r", ready: true).Concat(Many(10, "n", ready: false)));

        var subset = Assert.Single(endpoints.Subsets);
        Assert.Equal(1000, subset.Addresses.Count);
        Assert.Null(subset.NotReadyAddresses);
        Assert.Equal("truncated", endpoints.Metadata.Annotations[ServiceEndpoints.OverCapacityAnnotation]);
    }

    [Fact]
    public void TruncationSharesTheCutBetweenSubsetsRoundingUpSoTheLastKeepsFewer()
    {
        // truncateEndpoints: each subset keeps ceil(its share of the total x capacity), at most what room is left.
        static V1EndpointSubset Subset(string prefix, int ready) => new()
        {
            Addresses = [.. Enumerable.Range(0, ready).Select(i => new V1EndpointAddress { Ip = $"{prefix}.{i / 250}.{i % 250}" })],
        };
        List<V1EndpointSubset> subsets = [Subset("10.1", 3), Subset("10.2", 3), Subset("10.3", 3)];

        Assert.True(ServiceEndpoints.Truncate(subsets, capacity: 4));

        Assert.Equal([2, 2, 0], subsets.Select(s => s.Addresses?.Count ?? 0));
        Assert.False(ServiceEndpoints.Truncate(subsets, capacity: 4));
    }

    [Fact]
    public void SlicesHoldAtMostAHundredEndpointsEach()
    {
        var slices = ServiceEndpoints.Slices(Service(), Many(250, "r", ready: true));

        Assert.Equal([100, 100, 50], slices.Select(s => s.Endpoints.Count));
        Assert.All(slices, s => Assert.Equal(8080, s.Ports.Single().Port));
        // Every endpoint once, in the order of their IPs across the slices.
        var ips = Many(250, "r", ready: true).Select(p => p.Status.PodIP).Order(StringComparer.Ordinal);
        Assert.Equal(ips, slices.SelectMany(s => s.Endpoints).Select(e => e.Addresses[0]));
    }

    [Fact]
    public void StoredSlicesPairWithTheWantedOnesByContentNotByName()
    {
        var wanted = ServiceEndpoints.Slices(Service(), Many(250, "r", ready: true));
        // As stored: generated names whose random letters sort them the other way round.
        var stored = wanted.Select((slice, i) => new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = $"web-{(char)('z' - i)}abcd" },
            Ports = slice.Ports,
            Endpoints = slice.Endpoints,
        }).Reverse();

        var paired = ServiceEndpoints.InSliceOrder(stored);

        Assert.Equal(wanted.Select(s => s.Endpoints[0].Addresses[0]), paired.Select(s => s.Endpoints[0].Addresses[0]));
        Assert.Equal(["web-zabcd", "web-yabcd", "web-xabcd"], paired.Select(s => s.Metadata.Name));
    }
}
