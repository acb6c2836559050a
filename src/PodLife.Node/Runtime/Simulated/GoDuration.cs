using System.Globalization;

namespace PodLife.Node.Runtime.Simulated;

/// <summary>Formats a duration as Go's time.Duration.String does: <c>1s</c>, <c>500ms</c>, <c>1m30s</c>, <c>5m0s</c>.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        if (duration < TimeSpan.FromSeconds(1))
        {
            return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
        }
        var seconds = (duration.TotalSeconds % 60).ToString("0.#########", CultureInfo.InvariantCulture) + "s";
        var hours = (int)duration.TotalHours;
        var minutes = duration.Minutes;
        return hours > 0 ? $"{hours}h{minutes}m{seconds}" : minutes > 0 ? $"{minutes}m{seconds}" : seconds;
    }
}
