using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// A container's log as CRI keeps it: one timestamped line per newline on stdout or stderr, the oldest lines dropped
/// beyond a cap (as kubelet's log rotation would), an unterminated line flushed as partial at exit.
/// </summary>
internal sealed class ContainerLog(Func<DateTimeOffset> now, int maxLines)
{
    readonly Queue<LogLine> _lines = new();
    readonly StringBuilder[] _pending = [new(), new()];

    public IOutput Stdout => new StreamOutput(this, LogStream.Stdout);

    public IOutput Stderr => new StreamOutput(this, LogStream.Stderr);

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public void Flush()
    {
        foreach (var stream in new[] { LogStream.Stdout, LogStream.Stderr })
        {
            var pending = _pending[(int)stream];
            if (pending.Length > 0) Add(new LogLine(now(), stream, pending.ToString(), Partial: true));
            pending.Clear();
        }
    }

    void Write(LogStream stream, string text)
    {
        var pending = _pending[(int)stream];
        var start = 0;
        for (var newline = text.IndexOf('\n'); newline >= 0; newline = text.IndexOf('\n', start))
        {
            pending.Append(text, start, newline - start);
            Add(new LogLine(now(), stream, pending.ToString()));
            pending.Clear();
            start = newline + 1;
        }
        pending.Append(text, start, text.Length - start);
    }

    void Add(LogLine line)
    {
        _lines.Enqueue(line);
        if (_lines.Count > maxLines) _lines.Dequeue();
    }

    sealed class StreamOutput(ContainerLog log, LogStream stream) : IOutput
    {
        public void Write(string text) => log.Write(stream, text);
    }
}
