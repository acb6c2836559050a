using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>The pod conditions kubelet generates, with Kubernetes' reasons and messages (pkg/kubelet/status/generate.go).</summary>
/// <remarks>
/// <paramref name="statuses"/> arguments are init and regular container statuses together; <c>null</c> means kubelet
/// has no statuses at all (UnknownContainerStatuses), an empty list means it has them and none matches.
/// </remarks>
public static class PodConditions
{
    /// <summary>The five kubelet-owned conditions in kubelet's order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled.</summary>
    public static IList<V1PodCondition> Generate(V1Pod pod, string phase, bool sandboxReady)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (pod.Spec is null) throw new ArgumentException("pod has no spec", nameof(pod));
        return Generate(pod.Spec, pod.Status?.Conditions, AllStatuses(pod.Status), phase, sandboxReady);
    }

    /// <summary>
    /// As <see cref="Generate(V1Pod, string, bool)"/> from the parts it reads: the spec, the pod's current conditions
    /// (for readiness gates) and <see cref="AllStatuses"/>, so a caller that has them need not assemble a pod.
    /// </summary>
    public static IList<V1PodCondition> Generate(V1PodSpec spec, IEnumerable<V1PodCondition>? conditions,
        IReadOnlyList<V1ContainerStatus>? statuses, string phase, bool sandboxReady)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return
        [
            SchedulingConditions.ReadyToStartContainers(sandboxReady),
            Initialized(spec, statuses, phase),
            Ready(spec, conditions, statuses, phase),
            ContainersReady(spec, statuses, phase),
            SchedulingConditions.Scheduled(),
        ];
    }

    /// <summary>Initialized: every regular init container exited 0 and every sidecar has started, or a regular container has already run.</summary>
    public static V1PodCondition Initialized(V1PodSpec spec, IReadOnlyList<V1ContainerStatus>? statuses, string? phase)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var inits = ContainerLookup.InitContainers(spec);
        if (statuses is null && inits.Count > 0)
            return Condition(PodConditionTypes.Initialized, ConditionStatus.False, ConditionReasons.UnknownContainerStatuses);

        var known = ContainerLookup.Checked(statuses);
        List<string>? unknown = null, incomplete = null;
        for (var i = 0; i < inits.Count; i++)
        {
            var c = inits[i];
            if (ContainerLookup.Find(known, c.Name) is not { } s) (unknown ??= []).Add(c.Name);
            else if (RestartPolicies.IsSidecar(c) ? s.Started != true : !s.Ready) (incomplete ??= []).Add(c.Name);
        }

        if (phase == PodPhase.Succeeded && unknown is null)
            return Condition(PodConditionTypes.Initialized, ConditionStatus.True, ConditionReasons.PodCompleted);

        // Restarting sidecars do not un-initialize a pod whose regular containers have already run.
        if (ContainerLookup.AnyRegularContainerStarted(spec, statuses))
            return Condition(PodConditionTypes.Initialized, ConditionStatus.True);

        var message = Message(unknown, "containers with incomplete status", incomplete);
        return message.Length > 0
            ? Condition(PodConditionTypes.Initialized, ConditionStatus.False, ConditionReasons.ContainersNotInitialized, message)
            : Condition(PodConditionTypes.Initialized, ConditionStatus.True);
    }

    /// <summary>ContainersReady: every sidecar and regular container is ready.</summary>
    public static V1PodCondition ContainersReady(V1PodSpec spec, IReadOnlyList<V1ContainerStatus>? statuses, string? phase)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (statuses is null)
            return Condition(PodConditionTypes.ContainersReady, ConditionStatus.False, ConditionReasons.UnknownContainerStatuses);

        var known = ContainerLookup.Checked(statuses);
        List<string>? unknown = null, unready = null;
        // Sidecars in spec order, then the regular containers.
        var inits = ContainerLookup.InitContainers(spec);
        for (var i = 0; i < inits.Count; i++)
        {
            if (RestartPolicies.IsSidecar(inits[i])) Tally(inits[i], known, ref unknown, ref unready);
        }
        var containers = ContainerLookup.Containers(spec);
        for (var i = 0; i < containers.Count; i++) Tally(containers[i], known, ref unknown, ref unready);

        if (phase == PodPhase.Succeeded && unknown is null)
            return Condition(PodConditionTypes.ContainersReady, ConditionStatus.False, ConditionReasons.PodCompleted);

        // Containers of a failed pod may still be shutting down; they are not ready whatever they report.
        if (phase == PodPhase.Failed)
            return Condition(PodConditionTypes.ContainersReady, ConditionStatus.False, ConditionReasons.PodFailed);

        var message = Message(unknown, "containers with unready status", unready);
        return message.Length > 0
            ? Condition(PodConditionTypes.ContainersReady, ConditionStatus.False, ConditionReasons.ContainersNotReady, message)
            : Condition(PodConditionTypes.ContainersReady, ConditionStatus.True);
    }

    /// <summary>Ready: ContainersReady is True and every readiness gate's condition is True.</summary>
    public static V1PodCondition Ready(V1PodSpec spec, IEnumerable<V1PodCondition>? conditions,
        IReadOnlyList<V1ContainerStatus>? statuses, string? phase)
    {
        var containersReady = ContainersReady(spec, statuses, phase);
        if (containersReady.Status != ConditionStatus.True)
            return Condition(PodConditionTypes.Ready, containersReady.Status, containersReady.Reason, containersReady.Message);

        if (spec.ReadinessGates is not { Count: > 0 } gates)
            return Condition(PodConditionTypes.Ready, ConditionStatus.True);
        var unready = new List<string>();
        foreach (var gate in gates)
        {
            var type = gate?.ConditionType ?? throw new ArgumentException("spec.readinessGates has an entry without conditionType", nameof(spec));
            var c = FirstOfType(conditions, type);
            if (c is null) unready.Add($"corresponding condition of pod readiness gate \"{type}\" does not exist.");
            else if (c.Status != ConditionStatus.True) unready.Add($"the status of pod readiness gate \"{type}\" is not \"True\", but {c.Status}");
        }
        return unready.Count > 0
            ? Condition(PodConditionTypes.Ready, ConditionStatus.False, ConditionReasons.ReadinessGatesNotReady, string.Join(", ", unready))
            : Condition(PodConditionTypes.Ready, ConditionStatus.True);
    }

    static void Tally(V1Container c, IReadOnlyList<V1ContainerStatus> known, ref List<string>? unknown, ref List<string>? unready)
    {
        if (ContainerLookup.Find(known, c.Name) is not { } s) (unknown ??= []).Add(c.Name);
        else if (!s.Ready) (unready ??= []).Add(c.Name);
    }

    static V1PodCondition? FirstOfType(IEnumerable<V1PodCondition>? conditions, string type)
    {
        foreach (var c in conditions ?? [])
        {
            if (c is not null && c.Type == type) return c;
        }
        return null;
    }

    /// <summary>Init and regular statuses as one list, or null when the pod has neither (kubelet's nil).</summary>
    public static IReadOnlyList<V1ContainerStatus>? AllStatuses(V1PodStatus? status) =>
        status?.InitContainerStatuses is null && status?.ContainerStatuses is null
            ? null
            : [.. status.InitContainerStatuses ?? [], .. status.ContainerStatuses ?? []];

    internal static V1PodCondition Condition(string type, string status, string? reason = null, string? message = null) =>
        new() { Type = type, Status = status, Reason = reason, Message = message };

    // Go prints a []string with %s as "[a b]"; the unknown part always comes first.
    static string Message(List<string>? unknown, string label, List<string>? names)
    {
        if (unknown is null && names is null) return "";
        var parts = new List<string>(2);
        if (unknown is { Count: > 0 }) parts.Add($"containers with unknown status: [{string.Join(' ', unknown)}]");
        if (names is { Count: > 0 }) parts.Add($"{label}: [{string.Join(' ', names)}]");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// <paramref name="conditions"/> without those whose type <paramref name="drop"/> names: the same list when none is
    /// dropped, else a new one (a reader of the old list is not disturbed), and null rather than an empty list.
    /// </summary>
    public static IList<V1PodCondition>? Without(IList<V1PodCondition>? conditions, Func<string?, bool> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        if (conditions is null || !conditions.Any(c => drop(c.Type))) return conditions;
        var kept = conditions.Where(c => !drop(c.Type)).ToList();
        return kept.Count == 0 ? null : kept;
    }
}
