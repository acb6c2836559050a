namespace PodLife.Core.Admission;

/// <summary>What Priority admission writes into a new pod's spec.</summary>
/// <param name="ClassName">spec.priorityClassName: the pod's own, or the global default class's name, or empty.</param>
/// <param name="PreemptionPolicy">spec.preemptionPolicy, or null to leave the pod's as it is.</param>
public sealed record PodPriority(string ClassName, int Priority, string? PreemptionPolicy);
