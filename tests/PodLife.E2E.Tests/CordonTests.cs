using PodLife.Testing;
using static PodLife.E2E.Tests.CommandAssert;

namespace PodLife.E2E.Tests;

/// <summary>`kubectl cordon` and `uncordon`: the node's kubelet records NodeNotSchedulable and NodeSchedulable, as `describe node` shows.</summary>
public sealed class CordonTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    PodlifeServerProcess Cluster => fixture.Cluster;

    async Task<string> EventAsync(string reason)
    {
        Ok(await Cluster.KubectlAsync("wait", "--for=create", $"events", "--field-selector", $"involvedObject.name=podlife-node-1,reason={reason}", "--timeout=30s"));
        return Ok(await Cluster.KubectlAsync("get", "events", "--field-selector", $"involvedObject.name=podlife-node-1,reason={reason}",
            "-o", "jsonpath={.items[0].type} {.items[0].source.component}: {.items[0].message}")).StdOut;
    }

    [Fact]
    public async Task TheKubeletRecordsTheCordonAndTheUncordon()
    {
        Assert.Null(await Cluster.WaitForNodesReadyAsync("podlife-node-1"));

        Assert.Equal("node/podlife-node-1 cordoned\n", Ok(await Cluster.KubectlAsync("cordon", "podlife-node-1")).StdOut);
        Assert.Equal("Normal kubelet: Node podlife-node-1 status is now: NodeNotSchedulable", await EventAsync("NodeNotSchedulable"));
        Assert.Equal("node/podlife-node-1 uncordoned\n", Ok(await Cluster.KubectlAsync("uncordon", "podlife-node-1")).StdOut);
        Assert.Equal("Normal kubelet: Node podlife-node-1 status is now: NodeSchedulable", await EventAsync("NodeSchedulable"));

        var described = Ok(await Cluster.KubectlAsync("describe", "node", "podlife-node-1")).StdOut;
        Assert.Matches(@"Normal\s+NodeNotSchedulable\s+\S+\s+kubelet\s+Node podlife-node-1 status is now: NodeNotSchedulable", described);
    }
}
