namespace PodLife.Scheduler.Queue;

/// <summary>kube-scheduler's pod back-off (scheduling_queue.go calculateBackoffDuration; podInitialBackoffDuration 1s, podMaxBackoffDuration 10s).</summary>
public static class Backoff
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    /// <summary>How long a pod that failed <paramref name="attempts"/> times waits: 1s, 2s, 4s, 8s, 10s, 10s, …; no wait before the first attempt.</summary>
    public static TimeSpan Duration(int attempts)
    {
        if (attempts <= 0)
            return TimeSpan.Zero;
        var duration = Initial;
        for (var i = 1; i < attempts && duration < Max; i++)
            duration += duration;
        return duration > Max ? Max : duration;
    }
}
