using System.Globalization;
using PodLife.Node.Runtime;

namespace PodLife.Node.Cri;

/// <summary>
/// Reads container log files in the CRI format (<c>2026-11-25T11:28:30.74570621Z stdout F hello</c>), joining partial
/// (<c>P</c>) lines to the full line that ends them, as kubelet's log reader does.
/// </summary>
public static class CriLogFile
{
    /// <summary>One line of the file, or null if it is not in the CRI format.</summary>
    public static LogLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var parts = line.Split(' ', 4);
        if (parts.Length < 3) return null;
        if (!DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return null;
        LogStream? stream = parts[1] switch { "stdout" => LogStream.Stdout, "stderr" => LogStream.Stderr, _ => null };
        if (stream is null || parts[2] is not ("F" or "P")) return null;
        return new LogLine(time, stream.Value, parts.Length == 4 ? parts[3] : "", parts[2] == "P");
    }

    /// <summary>
    /// The lines of <paramref name="text"/> with partial lines joined. A trailing incomplete line is left out, and so is
    /// a trailing partial one unless <paramref name="final"/> (the container has exited, or a one-off read: kubelet then
    /// prints it without a newline, as a process that ends without one wrote it).
    /// </summary>
    public static IReadOnlyList<LogLine> ParseAll(string text, out int consumed, bool final = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<LogLine>();
        LogLine? pending = null;
        consumed = 0;
        var start = 0;
        for (var end = text.IndexOf('\n', start); end >= 0; start = end + 1, end = text.IndexOf('\n', start))
        {
            if (Parse(text[start..end]) is not { } line) continue;
            pending = pending is null ? line : pending with { Text = pending.Text + line.Text, Partial = line.Partial };
            if (pending.Partial) continue;
            lines.Add(pending);
            pending = null;
            consumed = end + 1;
        }
        if (final && pending is not null) lines.Add(pending);
        return lines;
    }
}
