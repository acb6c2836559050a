using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Cases from pkg/apis/core/v1/helper/qos/qos_test.go (TestComputePodQOS); container-level resources only.
public class PodQosTests
{
    // Each container: cpu request, memory request, cpu limit, memory limit ("" = unset).
    [Theory]
    [InlineData("Guaranteed", "100m,100Mi,100m,100Mi")]
    [InlineData("Guaranteed", "100m,100Mi,100m,100Mi", "100m,100Mi,100m,100Mi")]
    [InlineData("BestEffort", ",,,", ",,,")]
    [InlineData("BestEffort", ",,,")]
    [InlineData("Burstable", ",,,", "1,,2,")]
    [InlineData("Burstable", ",,,", "10m,100Mi,10m,100Mi")]
    [InlineData("Burstable", ",100Mi,,100Mi")]
    [InlineData("Burstable", "100m,100Mi,,")]
    [InlineData("Burstable", "1,100Mi,2,100Mi", "100m,100Mi,100m,100Mi")]
    [InlineData("Burstable", "100m,100Mi,200m,200Mi", "100m,100Mi,,")]
    [InlineData("Burstable", "10m,100Mi,100m,200Mi")]
    [InlineData("Burstable", "0,0,100m,200Mi")]
    public void ClassifiesLikeComputePodQOS(string expected, params string[] containers)
    {
        var spec = new V1PodSpec { Containers = containers.Select(Container).ToList() };
        Assert.Equal(expected, PodQos.Compute(spec));
    }

    [Fact]
    public void HugepagesAloneLeaveAPodBestEffort()
    {
        var resources = new Dictionary<string, ResourceQuantity> { ["hugepages-2Mi"] = new("1Gi"), ["cpu"] = new("0"), ["memory"] = new("0") };
        var spec = new V1PodSpec { Containers = [new V1Container { Resources = new V1ResourceRequirements { Requests = resources, Limits = resources } }] };
        Assert.Equal("BestEffort", PodQos.Compute(spec));
    }

    [Fact]
    public void InitContainersCount()
    {
        var spec = new V1PodSpec { Containers = [Container(",,,")], InitContainers = [Container("10m,100Mi,100m,200Mi")] };
        Assert.Equal("Burstable", PodQos.Compute(spec));
    }

    [Fact]
    public void NothingAtAllIsBestEffort() => Assert.Equal("BestEffort", PodQos.Compute(null));

    static V1Container Container(string resources)
    {
        var p = resources.Split(',');
        return new V1Container
        {
            Name = "c",
            Resources = new V1ResourceRequirements { Requests = Pods.Resources(Blank(p[0]), Blank(p[1])), Limits = Pods.Resources(Blank(p[2]), Blank(p[3])) },
        };
    }

    static string? Blank(string s) => s.Length == 0 ? null : s;
}
