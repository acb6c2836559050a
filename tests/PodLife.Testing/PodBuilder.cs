using k8s.Models;
using PodLife.Core.Lifecycle;

namespace PodLife.Testing;

/// <summary>Fluent builder for a V1Pod with containers, init containers, sidecars, statuses and conditions.</summary>
public sealed class PodBuilder
{
    readonly V1Pod _pod;

    public PodBuilder(string name = "web", string ns = "default")
    {
        _pod = new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Uid = "7f1c9a2e-0d4b-4c6e-9a51-3b2f8e6d1c07" },
            Spec = new V1PodSpec { Containers = [] },
            Status = new V1PodStatus { Phase = PodPhase.Pending },
        };
    }

    public PodBuilder WithContainers(params string[] names) => Add(_pod.Spec.Containers, names, null);

    public PodBuilder WithInitContainers(params string[] names) => Add(_pod.Spec.InitContainers ??= [], names, null);

    /// <summary>Init containers with restartPolicy Always.</summary>
    public PodBuilder WithSidecars(params string[] names) => Add(_pod.Spec.InitContainers ??= [], names, RestartPolicies.Always);

    public PodBuilder WithRestartPolicy(string? policy) => Do(() => _pod.Spec.RestartPolicy = policy);

    public PodBuilder OnNode(string node) => Do(() => _pod.Spec.NodeName = node);

    public PodBuilder WithReadinessGates(params string[] conditionTypes) =>
        Do(() => _pod.Spec.ReadinessGates = conditionTypes.Select(t => new V1PodReadinessGate { ConditionType = t }).ToList());

    public PodBuilder WithPhase(string? phase) => Do(() => _pod.Status.Phase = phase);

    public PodBuilder WithStatusReason(string reason, string? message = null) =>
        Do(() => { _pod.Status.Reason = reason; _pod.Status.Message = message; });

    public PodBuilder WithStatuses(params V1ContainerStatus[] statuses) => Do(() => _pod.Status.ContainerStatuses = statuses.ToList());

    public PodBuilder WithInitStatuses(params V1ContainerStatus[] statuses) => Do(() => _pod.Status.InitContainerStatuses = statuses.ToList());

    public PodBuilder WithCondition(string type, string status, string? reason = null, string? message = null) =>
        Do(() => (_pod.Status.Conditions ??= []).Add(new V1PodCondition { Type = type, Status = status, Reason = reason, Message = message }));

    public PodBuilder Deleting(DateTime at) => Do(() => _pod.Metadata.DeletionTimestamp = at);

    public PodBuilder WithoutStatus() => Do(() => _pod.Status = null);

    public V1Pod Build() => _pod;

    public static implicit operator V1Pod(PodBuilder b) => b.Build();

    PodBuilder Add(IList<V1Container> list, string[] names, string? restartPolicy) =>
        Do(() => { foreach (var n in names) list.Add(new V1Container { Name = n, Image = "busybox", RestartPolicy = restartPolicy }); });

    PodBuilder Do(Action change)
    {
        change();
        return this;
    }
}
