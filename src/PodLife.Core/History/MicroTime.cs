using System.Globalization;

namespace PodLife.Core.History;

/// <summary>metav1.MicroTime text: RFC3339 in UTC with six fractional digits ("2026-11-25T15:00:03.120000Z").</summary>
public static class MicroTime
{
    const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses any RFC3339 time (with or without fraction); null when absent or malformed.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;
}
