using System.Text;
using PodLife.Node.Tests.Runtime;
using PodLife.Node.Volumes;

namespace PodLife.Node.Tests.Volumes;

/// <summary>A simulated pod's volume directories: made at set-up, rewritten by a refresh, all removed at tear-down.</summary>
public sealed class SimulatedPodVolumesTests
{
    [Fact]
    public async Task ARefreshOfOneVolumeLeavesTheOthersToBeRemovedWithThePod()
    {
        using var node = new RuntimeHarness();
        var volumes = new SimulatedPodVolumes(node.Runtime);
        VolumeSetup Files(string name, string text) =>
            new(name, "kubernetes.io~configmap", InMemory: false, [new VolumeFile("key", Encoding.UTF8.GetBytes(text), 420)]);

        await volumes.SetUpAsync("uid-1", [Files("a", "1"), Files("b", "1")], RuntimeHarness.Token);
        await volumes.SetUpAsync("uid-1", [Files("b", "2")], RuntimeHarness.Token);
        Assert.Equal(2, node.Runtime.HostDirectories.Count(d => d.Contains("uid-1", StringComparison.Ordinal)));

        await volumes.TearDownAsync("uid-1", RuntimeHarness.Token);

        Assert.DoesNotContain(node.Runtime.HostDirectories, d => d.Contains("uid-1", StringComparison.Ordinal));
    }
}
