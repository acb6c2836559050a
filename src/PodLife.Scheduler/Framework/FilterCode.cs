namespace PodLife.Scheduler.Framework;

/// <summary>kube-scheduler's status codes for a filter: Unschedulable may be cured by preemption, UnschedulableAndUnresolvable not.</summary>
public enum FilterCode
{
    Success,
    Unschedulable,
    UnschedulableAndUnresolvable,
}
