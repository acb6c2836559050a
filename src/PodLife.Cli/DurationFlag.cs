using System.Globalization;
using System.Text.RegularExpressions;

namespace PodLife.Cli;

/// <summary>Reads a duration flag as Go's time.ParseDuration does for the units a user types: "24h", "1h30m", "90s", "500ms".</summary>
public static partial class DurationFlag
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text)) return null;
        var total = TimeSpan.Zero;
        foreach (Match m in Part().Matches(text))
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            total += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }
        return total;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?(?:ms|s|m|h))+$")]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
