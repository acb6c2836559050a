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
        var sidecars = (spec.InitContainers ?? []).Where(RestartPolicies.IsSidecar).Select(c => c.Name).ToHashSet();
        var init = inputs.Init.Select(f => ContainerStatusBuilder.Build(f, hasInits, !sidecars.Contains(f.Name))).ToList();
        var regular = inputs.Regular.OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => ContainerStatusBuilder.Build(f, hasInits, false)).ToList();

        var facts = new PodPhaseFacts(inputs.PodIsTerminal, regular.Any(s => s.State?.Running is not null || s.State?.Terminated is not null || s.LastState?.Terminated is not null));
        var phase = inputs.Eviction is null ? PodPhase.From(spec, init, regular, facts) : PodPhase.Failed;
        phase = PodPhase.KeepTerminal(old.Phase, phase);
        var (reason, message) = inputs.Eviction is { } e ? (e.Reason, e.Message)
            : phase == old.Phase ? (old.Reason, old.Message) : (null, null);

        var withStatuses = pod with { Status = old with { InitContainerStatuses = hasInits ? init : null, ContainerStatuses = regular } };
        var conditions = PodConditionMerge.Merge(old.Conditions, PodConditions.Generate(withStatuses, phase, inputs.SandboxReady), inputs.Now);
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
            QosClass = old.QosClass ?? PodQos.Compute(spec),
            NominatedNodeName = old.NominatedNodeName,
        };
    }
}
