using System.Globalization;

namespace PodLife.Node.Runtime;

/// <summary>One line of a container's output, as CRI records it in the container's log file.</summary>
/// <param name="Time">When the runtime read the line.</param>
/// <param name="Stream">stdout or stderr.</param>
/// <param name="Text">The line without its trailing newline.</param>
/// <param name="Partial">True when the output ended without a newline (CRI tag <c>P</c> instead of <c>F</c>).</param>
public sealed record LogLine(DateTimeOffset Time, LogStream Stream, string Text, bool Partial = false)
{
    /// <summary>The line in CRI's log file format: <c>2026-11-25T11:28:30.74570621Z stdout F hello</c>.</summary>
    public string ToCriFormat() =>
        $"{FormatTime(Time)} {(Stream == LogStream.Stdout ? "stdout" : "stderr")} {(Partial ? "P" : "F")} {Text}";

    // RFC3339Nano as Go prints it: UTC, fractional seconds without trailing zeros.
    static string FormatTime(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        var seconds = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        return fraction.Length == 0 ? seconds + "Z" : $"{seconds}.{fraction}Z";
    }
}
