using k8s.Models;
using PodLife.Controllers.NodeLifecycle;
using static PodLife.Controllers.Tests.Objects;

namespace PodLife.Controllers.Tests;

// The whole story of a node that stops heartbeating (spec §12), pass by pass every 5s, with the plan applied as the
// controller shell would apply it to the API.
public class NodeLifecyclePassTests
{
    sealed class World
    {
        public V1Node Node = ReadyNode("node-1", T0);
        public Dictionary<string, V1Lease> Leases = new() { ["node-1"] = Lease("node-1", T0) };
        public List<V1Pod> Pods =
        [
            RunningPod("tolerant", "node-1", Default("node.kubernetes.io/not-ready"), Default("node.kubernetes.io/unreachable")),
            RunningPod("intolerant", "node-1"),
            RunningPod("forever", "node-1", Default("node.kubernetes.io/unreachable", null)),
        ];
        public readonly Dictionary<string, DateTimeOffset> EvictedAt = [];
        public DateTimeOffset? Unknown, NoSchedule, NoExecute;
        readonly NodeLifecyclePass _pass = new(new NodeLifecycleOptions());
        DateTimeOffset _next = T0;

        /// <summary>Runs monitor passes every 5s, continuing from where the last call stopped.</summary>
        public void RunUntil(DateTimeOffset end, DateTimeOffset? renewUntil = null)
        {
            for (var now = _next; now <= end; now = _next = now.AddSeconds(5))
            {
                if (renewUntil is null || now <= renewUntil)
                    Leases["node-1"] = Lease("node-1", now);
                Apply(_pass.Run([Node], Leases, Pods, now), now);
            }
        }

        void Apply(NodeLifecyclePlan plan, DateTimeOffset now)
        {
            foreach (var update in plan.NodeUpdates)
            {
                if (update.Conditions is not null)
                {
                    Node.Status.Conditions = update.Conditions;
                    Unknown ??= now;
                }
                if (update.Taints is not null)
                {
                    Node.Spec.Taints = update.Taints;
                    if (update.Taints.Any(t => t.Effect == "NoSchedule")) NoSchedule ??= now;
                    if (update.Taints.Any(t => t.Effect == "NoExecute")) NoExecute ??= now;
                }
            }
            foreach (var update in plan.PodsNotReady)
                update.Pod.Status.Conditions = update.Conditions;
            foreach (var pod in plan.Evictions)
            {
                pod.Metadata.DeletionTimestamp = now.AddSeconds(30).UtcDateTime;
                EvictedAt[pod.Metadata.Name] = now;
            }
        }
    }

    [Fact]
    public void NothingHappensWhileTheLeaseIsRenewedEvenIfTheStatusIsOld()
    {
        var world = new World();
        world.RunUntil(T0.AddMinutes(30));

        Assert.Null(world.Unknown);
        Assert.Null(world.Node.Spec.Taints);
        Assert.Empty(world.EvictedAt);
        Assert.All(world.Pods, p => Assert.Equal("True", p.Status.Conditions.Single(c => c.Type == "Ready").Status));
    }

    [Fact]
    public void ASilentNodeTurnsUnknownIsTaintedAndItsPodsAreEvictedOnTheirTolerations()
    {
        var world = new World();
        var lastRenew = T0.AddSeconds(100);

        world.RunUntil(T0.AddMinutes(10), renewUntil: lastRenew);

        // Grace 50s is exceeded at 150s+; the first monitor pass after that is at 155s.
        Assert.Equal(lastRenew.AddSeconds(55), world.Unknown);
        Assert.Equal(lastRenew.AddSeconds(55), world.NoSchedule);
        // NoExecute follows the Ready status observed at the start of a pass: one pass later.
        Assert.Equal(lastRenew.AddSeconds(60), world.NoExecute);
        Assert.Equal("Unknown", world.Node.Status.Conditions.Single(c => c.Type == "Ready").Status);
        Assert.All(world.Pods, p => Assert.Equal("False", p.Status.Conditions.Single(c => c.Type == "Ready").Status));
        Assert.Equal(lastRenew.AddSeconds(60), world.EvictedAt["intolerant"]);
        Assert.Equal(lastRenew.AddSeconds(360), world.EvictedAt["tolerant"]);
        Assert.False(world.EvictedAt.ContainsKey("forever"));
    }

    [Fact]
    public void ANodeThatComesBackBeforeTheTolerationRunsOutKeepsItsPods()
    {
        var world = new World();
        world.RunUntil(T0.AddSeconds(200), renewUntil: T0.AddSeconds(100));
        Assert.NotNull(world.NoExecute);

        // The kubelet returns: heartbeats and Ready again.
        var ready = world.Node.Status.Conditions.Single(c => c.Type == "Ready");
        ready.Status = "True";
        ready.LastHeartbeatTime = ready.LastTransitionTime = T0.AddSeconds(205).UtcDateTime;
        world.RunUntil(T0.AddMinutes(10));

        Assert.Empty(world.Node.Spec.Taints);
        Assert.Equal(["intolerant"], world.EvictedAt.Keys);
    }

    [Fact]
    public void After_a_node_comes_back_a_second_outage_counts_the_toleration_from_its_own_start()
    {
        var world = new World();
        world.RunUntil(T0.AddSeconds(200), renewUntil: T0.AddSeconds(100));
        var ready = world.Node.Status.Conditions.Single(c => c.Type == "Ready");
        ready.Status = "True";
        ready.LastHeartbeatTime = ready.LastTransitionTime = T0.AddSeconds(205).UtcDateTime;
        world.RunUntil(T0.AddSeconds(400));
        Assert.Empty(world.Node.Spec.Taints);

        // Silent again after 400 s: NoExecute one pass after Unknown, at 460 s. "tolerant" tolerates it for 300 s
        // from then, not from the first outage's taint (160 s), which the healthy passes forgot.
        world.RunUntil(T0.AddMinutes(20), renewUntil: T0.AddSeconds(400));

        Assert.Equal(T0.AddSeconds(760), world.EvictedAt["tolerant"]);
    }

    [Fact]
    public void A_node_is_registered_the_first_time_a_pass_sees_it_and_again_after_it_was_gone()
    {
        var pass = new NodeLifecyclePass(new NodeLifecycleOptions());
        var (one, two) = (ReadyNode("node-1", T0), ReadyNode("node-2", T0));
        var leases = new Dictionary<string, V1Lease> { ["node-1"] = Lease("node-1", T0), ["node-2"] = Lease("node-2", T0) };

        Assert.Equal(["node-1"], pass.Run([one], leases, [], T0).Registered.Select(n => n.Metadata.Name));
        Assert.Equal(["node-2"], pass.Run([one, two], leases, [], T0.AddSeconds(5)).Registered.Select(n => n.Metadata.Name));
        Assert.Empty(pass.Run([one, two], leases, [], T0.AddSeconds(10)).Registered);
        Assert.Empty(pass.Run([two], leases, [], T0.AddSeconds(15)).Registered);
        Assert.Equal(["node-1"], pass.Run([one, two], leases, [], T0.AddSeconds(20)).Registered.Select(n => n.Metadata.Name));
    }
}
