using PodLife.Scheduler.Preemption;

namespace PodLife.Scheduler.Framework;

/// <summary>
/// The outcome of one scheduling cycle: the chosen node, or the unschedulable message and, when preemption found room,
/// the node to nominate and the pods to evict there.
/// </summary>
public sealed record ScheduleResult(string? NodeName, string? FailureMessage, int EvaluatedNodes, int FeasibleNodes)
{
    public PreemptionCandidate? Preemption { get; init; }

    public bool Scheduled => NodeName is not null;
}
