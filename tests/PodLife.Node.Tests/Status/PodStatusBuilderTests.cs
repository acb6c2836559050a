using k8s;
using k8s.Models;
using PodLife.Node.Runtime;
using PodLife.Node.Status;
using RuntimeState = PodLife.Node.Runtime.ContainerState;

namespace PodLife.Node.Tests.Status;

/// <summary>The pod status a node builds, and what it keeps of the last one it wrote.</summary>
public sealed class PodStatusBuilderTests
{
    static readonly DateTime T0 = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);
    static readonly V1Container Main = new() { Name = "main", Image = "busybox:1.36" };

    static V1Pod Pod(V1PodStatus? status) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "default", Uid = "uid-web" },
        Spec = new V1PodSpec { Containers = [Main], RestartPolicy = "Always" },
        Status = status,
    };

    static PodStatusInputs Inputs(RuntimeState state, DateTime now)
    {
        var instance = new Node.Runtime.ContainerStatus(new string('a', 64), "sandbox", new ContainerConfig("main", 0, "busybox:1.36", [], []), state,
            T0, T0.AddSeconds(1), state == RuntimeState.Exited ? T0.AddSeconds(30) : null, state == RuntimeState.Exited ? 1 : 0,
            state == RuntimeState.Exited ? "Error" : "", "", "docker.io/library/busybox:1.36", "docker.io/library/busybox@sha256:" + new string('0', 64));
        return new PodStatusInputs([], [new ContainerFacts(Main, instance)], SandboxReady: true, "10.244.0.5", "10.0.0.1", T0, PodIsTerminal: false, now);
    }

    [Fact]
    public void The_basis_a_node_keeps_builds_the_next_status_exactly_as_the_whole_last_status_does()
    {
        var written = PodStatusBuilder.Build(Pod(null), Inputs(RuntimeState.Running, T0.AddSeconds(2))) with { NominatedNodeName = "node-2" };
        var basis = PodStatusBuilder.Basis(written);

        foreach (var (state, at) in new[] { (RuntimeState.Running, T0.AddSeconds(5)), (RuntimeState.Exited, T0.AddSeconds(31)) })
        {
            var fromWhole = PodStatusBuilder.Build(Pod(written), Inputs(state, at));
            var fromBasis = PodStatusBuilder.Build(Pod(basis), Inputs(state, at));
            Assert.Equal(KubernetesJson.Serialize(fromWhole), KubernetesJson.Serialize(fromBasis));
        }
        Assert.Null(basis.ContainerStatuses);
        Assert.Null(basis.PodIPs);
        Assert.Same(written.Conditions, basis.Conditions);
    }
}
