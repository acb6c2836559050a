using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Preemption;

/// <summary>A node where the pod fits once <see cref="Victims"/> (all of lower priority) are gone.</summary>
public sealed record PreemptionCandidate(string NodeName, IReadOnlyList<SchedulingPod> Victims);
