using System.Globalization;

namespace PodLife.Core.History;

/// <summary>metav1.MicroTime text: RFC3339 in UTC with six fractional digits ("2026-11-25T15:00:03.120000Z").</summary>
public static class MicroTime
{
    public static string ToText(DateTimeOffset time) => Client.Rfc3339Format.MicrosecondsText(time);

    /// <summary>Parses any RFC3339 time (with or without fraction); null when absent or malformed.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
}
