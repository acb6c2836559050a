using System.Globalization;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Parses the durations of sleep and stress: a decimal number with an optional s, m, h or d suffix.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length == 0) return false;
        var unit = text[^1] switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        var number = unit == 0 ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return false;
        duration = TimeSpan.FromSeconds(value * Math.Max(unit, 1));
        return true;
    }

    /// <summary>Parses a size such as <c>150M</c> or <c>1g</c> (powers of 1024, as stress reads them).</summary>
    public static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        if (text.Length == 0) return false;
        var shift = char.ToLowerInvariant(text[^1]) switch { 'b' => 0, 'k' => 10, 'm' => 20, 'g' => 30, _ => -1 };
        var number = shift < 0 ? text : text[..^1];
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return false;
        bytes = value << Math.Max(shift, 0);
        return true;
    }
}
