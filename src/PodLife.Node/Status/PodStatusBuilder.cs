using k8s.Models;
using PodLife.Core.Admission;
using PodLife.Core.Lifecycle;

namespace PodLife.Node.Status;

/// <summary>The pod status kubelet writes, from the pod and what the node knows (kubelet_pods.go generateAPIPodStatus).</summary>
public static class PodStatusBuilder
{
    /// <summary>Phase, conditions, container statuses, IPs, startTime and qosClass; terminal phases never change back.</summary>
    public static V1PodStatus Build(V1Pod pod, PodStatusInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(inputs);
        var spec = pod.Spec ?? throw new ArgumentException("pod has no spec", nameof(pod));
        var old = pod.Status ?? new V1PodStatus();
        var hasInits = inputs.Init.Count > 0;
        var deleted = pod.Metadata?.DeletionTimestamp is not null;
        // Loops rather than LINQ: a node computes this on every sync of every pod.
        var init = new List<V1ContainerStatus>(inputs.Init.Count);
        for (var i = 0; i < inputs.Init.Count; i++)
        {
            var f = inputs.Init[i];
            init.Add(ContainerStatusBuilder.Build(f, hasInits, !IsSidecar(spec.InitContainers, f.Name), deleted));
        }
        var regular = new List<V1ContainerStatus>(inputs.Regular.Count);
        foreach (var f in ByName(inputs.Regular)) regular.Add(ContainerStatusBuilder.Build(f, hasInits, false, deleted));

        var facts = new PodPhaseFacts(inputs.PodIsTerminal, AnyStarted(regular));
        var phase = inputs.Eviction is null ? PodPhase.From(spec, init, regular, facts) : PodPhase.Failed;
        phase = PodPhase.KeepTerminal(old.Phase, phase);
        var (reason, message) = inputs.Eviction is { } e ? (e.Reason, e.Message)
            : phase == old.Phase ? (old.Reason, old.Message) : (null, null);

        // The statuses just built, init first, as the conditions read them off the pod (PodConditions.AllStatuses).
        List<V1ContainerStatus> all = [.. init, .. regular];
        var conditions = PodConditionMerge.Merge(old.Conditions, PodConditions.Generate(spec, old.Conditions, all, phase, inputs.SandboxReady), inputs.Now);
        var podIps = inputs.PodIp is null ? null : new List<V1PodIP> { new() { Ip = inputs.PodIp } };
        return new V1PodStatus
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            Conditions = conditions,
            HostIP = inputs.HostIp,
            HostIPs = [new V1HostIP { Ip = inputs.HostIp }],
            PodIP = inputs.PodIp,
            PodIPs = podIps,
            StartTime = inputs.StartTime,
            InitContainerStatuses = hasInits ? init : null,
            ContainerStatuses = regular,
            EphemeralContainerStatuses = inputs.Ephemeral.Count > 0 ? Ephemeral(inputs.Ephemeral, hasInits, deleted) : null,
            QosClass = old.QosClass ?? PodQos.Compute(spec),
            NominatedNodeName = old.NominatedNodeName,
        };
    }

    /// <summary>
    /// What <see cref="Build"/> reads of the previous status (phase, reason and message, conditions, qosClass, nominated
    /// node); a node keeps this of each status it writes rather than the whole status with its container statuses.
    /// </summary>
    public static V1PodStatus Basis(V1PodStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new V1PodStatus
        {
            Phase = status.Phase,
            Reason = status.Reason,
            Message = status.Message,
            Conditions = status.Conditions,
            QosClass = status.QosClass,
            NominatedNodeName = status.NominatedNodeName,
        };
    }

    // Built as regular containers' statuses are, but no probe manager ever marks them ready or started.
    static List<V1ContainerStatus> Ephemeral(IReadOnlyList<ContainerFacts> facts, bool hasInits, bool deleted)
    {
        var statuses = new List<V1ContainerStatus>(facts.Count);
        foreach (var f in facts)
        {
            var status = ContainerStatusBuilder.Build(f, hasInits, false, deleted);
            status.Ready = false;
            status.Started = null;
            statuses.Add(status);
        }
        return statuses;
    }

    // Which init containers are sidecars, by name as in the spec (the facts carry their own copy of the container).
    static bool IsSidecar(IList<V1Container>? initContainers, string name)
    {
        if (initContainers is null) return false;
        for (var i = 0; i < initContainers.Count; i++)
        {
            if (RestartPolicies.IsSidecar(initContainers[i]) && initContainers[i].Name == name) return true;
        }
        return false;
    }

    // Regular containers' statuses are sorted by name (ordinal), stably as OrderBy: an insertion sort of a few facts.
    static ContainerFacts[] ByName(IReadOnlyList<ContainerFacts> facts)
    {
        var sorted = new ContainerFacts[facts.Count];
        for (var i = 0; i < facts.Count; i++)
        {
            var f = facts[i];
            var j = i;
            for (; j > 0 && string.CompareOrdinal(sorted[j - 1].Name, f.Name) > 0; j--) sorted[j] = sorted[j - 1];
            sorted[j] = f;
        }
        return sorted;
    }

    static bool AnyStarted(List<V1ContainerStatus> regular)
    {
        foreach (var s in regular)
        {
            if (s.State?.Running is not null || s.State?.Terminated is not null || s.LastState?.Terminated is not null) return true;
        }
        return false;
    }
}
