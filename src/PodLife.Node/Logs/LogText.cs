using System.Text;
using PodLife.Node.Runtime;

namespace PodLife.Node.Logs;

/// <summary>
/// Turns CRI log lines into the text kubelet serves (pkg/kubelet/kuberuntime/logs/logs.go ReadLogs): lines newer than
/// now - sinceSeconds, the last tailLines of them, each with its RFC3339Nano time first when timestamps is set; a
/// partial line (tag P) is joined to the next one, so it gets no newline of its own.
/// </summary>
public static class LogText
{
    public static string Format(IReadOnlyList<LogLine> lines, ContainerLogRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(request);
        IEnumerable<LogLine> kept = lines;
        if (request.SinceSeconds is { } since)
        {
            var from = now - TimeSpan.FromSeconds(since);
            kept = kept.Where(l => l.Time >= from);
        }
        if (request.TailLines is { } tail) kept = TailLines(kept.ToList(), tail);
        var text = new StringBuilder();
        foreach (var line in kept)
        {
            if (request.Timestamps)
            {
                var cri = line.ToCriFormat(); // starts with the time and a space
                text.Append(cri, 0, cri.IndexOf(' ', StringComparison.Ordinal) + 1);
            }
            text.Append(line.Text);
            if (!line.Partial) text.Append('\n');
        }
        return text.ToString();
    }

    // tailLines counts whole lines: partial pieces belong to the full line that ends them (kubelet's tail.FindTailLineStartIndex).
    static IEnumerable<LogLine> TailLines(List<LogLine> lines, long tail)
    {
        var whole = 0L;
        var start = lines.Count;
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (!lines[i].Partial || i == lines.Count - 1)
            {
                if (whole == tail) break;
                whole++;
            }
            start = i;
        }
        return lines.Skip(start);
    }
}
