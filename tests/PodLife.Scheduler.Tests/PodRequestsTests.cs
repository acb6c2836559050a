using k8s.Models;
using static PodLife.Scheduler.Tests.Objects;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Tests;

// Cases follow component-helpers/resource/helpers_test.go (PodRequests) and the KEP-753 sidecar examples.
public class PodRequestsTests
{
    static V1PodSpec Spec(V1Container[] containers, V1Container[]? init = null, string? overheadCpu = null) => new()
    {
        Containers = containers,
        InitContainers = init,
        Overhead = overheadCpu is null ? null : new Dictionary<string, ResourceQuantity> { ["cpu"] = new(overheadCpu) },
    };

    public static TheoryData<string, V1PodSpec, long, long> Cases => new()
    {
        { "containers are summed", Spec([Container("a", "100m", "64Mi"), Container("b", "250m", "64Mi")]), 350, 128L << 20 },
        { "a larger regular init container raises the total", Spec([Container("a", "100m")], [Container("i", "1")]), 1000, 0 },
        { "a smaller init container changes nothing", Spec([Container("a", "500m")], [Container("i", "200m")]), 500, 0 },
        { "a sidecar adds to the containers", Spec([Container("a", "100m")], [Container("s", "200m", restartPolicy: "Always")]), 300, 0 },
        { "an init container after a sidecar runs beside it", Spec([Container("a", "100m")], [Container("s", "200m", restartPolicy: "Always"), Container("i", "500m")]), 700, 0 },
        { "an init container before a sidecar runs alone", Spec([Container("a", "100m")], [Container("i", "500m"), Container("s", "200m", restartPolicy: "Always")]), 500, 0 },
        { "pod overhead is added on top", Spec([Container("a", "100m")], overheadCpu: "250m"), 350, 0 },
        { "fractional millicores round up", Spec([Container("a", "0.0001")]), 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RequestsAreComputedLikeKubeScheduler(string _, V1PodSpec spec, long milliCpu, long memory)
    {
        var requests = PodRequests.Of(spec);
        Assert.Equal(milliCpu, requests.MilliCpu);
        Assert.Equal(memory, requests.Memory);
    }

    [Fact]
    public void ScoringCountsMissingRequestsAsTheDefaultsButKeepsExplicitZeros()
    {
        var spec = Spec([Container("none"), Container("zero", "0", "0"), Container("cpuOnly", "1")]);

        var nonZero = PodRequests.NonZeroOf(spec);

        Assert.Equal(PodRequests.DefaultMilliCpu + 0 + 1000, nonZero.MilliCpu);
        Assert.Equal(PodRequests.DefaultMemory * 2, nonZero.Memory);
        Assert.Equal(1000, PodRequests.Of(spec).MilliCpu);
    }
}
