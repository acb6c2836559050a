using PodLife.Core.Backoff;

namespace PodLife.Core.Explain;

/// <summary>The back-off delay a policy has reached after a number of failures, each one advancing it once.</summary>
internal static class BackoffSteps
{
    // Past 16 doublings every policy is at its cap; stopping there keeps huge counts cheap.
    public static TimeSpan DelayAfter(BackoffPolicy policy, int failures)
    {
        BackoffEntry? entry = null;
        for (var i = 0; i < Math.Clamp(failures, 1, 16); i++) entry = policy.Next(entry, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return entry!.Delay;
    }
}
