using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Queue;

/// <summary>A pending pod in the scheduling queue with its attempt count and queue timestamp (kube-scheduler's QueuedPodInfo).</summary>
public sealed class QueuedPod(SchedulingPod pod, DateTimeOffset timestamp)
{
    public SchedulingPod Pod { get; internal set; } = pod;

    /// <summary>Scheduling attempts so far; drives the back-off.</summary>
    public int Attempts { get; internal set; }

    /// <summary>When the pod last entered the queue; orders equal priorities and starts the back-off window.</summary>
    public DateTimeOffset Timestamp { get; internal set; } = timestamp;

    /// <summary>The scheduling cycle that popped the pod last.</summary>
    public long Cycle { get; internal set; }

    internal long Version { get; set; }

    /// <summary>The end of the back-off window: 1s doubled per attempt after the first, at most 10s.</summary>
    public DateTimeOffset BackoffExpiry => Timestamp + Backoff.Duration(Attempts);
}
