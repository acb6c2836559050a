namespace PodLife.Scheduler.Framework;

/// <summary>The outcome of one scheduling cycle: the chosen node, or the unschedulable message.</summary>
public sealed record ScheduleResult(string? NodeName, string? FailureMessage, int EvaluatedNodes, int FeasibleNodes)
{
    public bool Scheduled => NodeName is not null;
}
