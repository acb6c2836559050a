using k8s.Models;
using PodLife.Core.Printing;

namespace PodLife.Core.Tests.Printing;

// printEndpoints / formatEndpoints and printEndpointSlice / formatDiscoveryPorts / formatDiscoveryEndpoints.
public class EndpointsRowTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    static V1EndpointSubset Subset(int[] ports, params string[] ready) => new()
    {
        Addresses = [.. ready.Select(ip => new V1EndpointAddress { Ip = ip })],
        Ports = [.. ports.Select(p => new Corev1EndpointPort { Port = p })],
    };

    static string Printed(params V1EndpointSubset[]? subsets) =>
        EndpointsRow.From(new V1Endpoints { Metadata = new V1ObjectMeta { Name = "web" }, Subsets = subsets }, Now).Endpoints;

    [Fact]
    public void ReadyAddressesPrintWithEachPortUpToThree()
    {
        Assert.Equal("10.0.0.1:80,10.0.0.2:80", Printed(Subset([80], "10.0.0.1", "10.0.0.2")));
        Assert.Equal("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", Printed(Subset([80, 443], "10.0.0.1", "10.0.0.2")));
        Assert.Equal("[fd00::1]:80", Printed(Subset([80], "fd00::1")));
    }

    [Fact]
    public void NoSubsetsIsNoneAndOnlyNotReadyAddressesIsEmpty()
    {
        Assert.Equal("<none>", Printed(null));
        Assert.Equal("", Printed(new V1EndpointSubset { NotReadyAddresses = [new V1EndpointAddress { Ip = "10.0.0.1" }], Ports = [new Corev1EndpointPort { Port = 80 }] }));
    }

    [Fact]
    public void AHeadlessServiceWithoutPortsPrintsBareAddresses() =>
        Assert.Equal("10.0.0.1,10.0.0.2", Printed(Subset([], "10.0.0.1", "10.0.0.2")));

    [Fact]
    public void ASlicePrintsItsPortsAndAddressesOrUnset()
    {
        var slice = new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "web-abcde", CreationTimestamp = Now.AddMinutes(-2).UtcDateTime },
            AddressType = "IPv4",
            Ports = [new Discoveryv1EndpointPort { Port = 80 }, new Discoveryv1EndpointPort { Name = "metrics" }],
            Endpoints = [.. Enumerable.Range(1, 4).Select(i => new V1Endpoint { Addresses = [$"10.0.0.{i}"] })],
        };
        Assert.Equal("web-abcde | IPv4 | 80,metrics | 10.0.0.1,10.0.0.2,10.0.0.3 + 1 more... | 2m", string.Join(" | ", EndpointSliceRow.From(slice, Now).Cells()));
        Assert.Equal("<unset> <unset>", string.Join(" ", EndpointSliceRow.From(new V1EndpointSlice { AddressType = "IPv4" }, Now) is var row ? [row.Ports, row.Endpoints] : Array.Empty<string>()));
    }
}
