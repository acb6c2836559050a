using System.Text;
using System.Threading.Channels;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// A container's log as CRI keeps it: one timestamped line per newline on stdout or stderr, the oldest lines dropped
/// beyond a cap (as kubelet's log rotation would), an unterminated line flushed as partial at exit.
/// </summary>
internal sealed class ContainerLog(Func<DateTimeOffset> now, int maxLines)
{
    readonly Queue<LogLine> _lines = new();
    // Each stream's unterminated line, made on the first write: most containers (pause) never write a byte.
    readonly StringBuilder?[] _pending = new StringBuilder?[2];
    readonly List<ChannelWriter<LogLine>> _followers = [];
    readonly List<ChannelWriter<(LogStream Stream, string Text)>> _attached = [];
    bool _closed;

    public IOutput Stdout => new StreamOutput(this, LogStream.Stdout);

    public IOutput Stderr => new StreamOutput(this, LogStream.Stderr);

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    /// <summary>A reader of every line so far and each new one, completed once the log is closed.</summary>
    public ChannelReader<LogLine> Follow(out ChannelWriter<LogLine> writer)
    {
        var channel = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
        writer = channel.Writer;
        foreach (var line in _lines) writer.TryWrite(line);
        if (_closed) writer.TryComplete();
        else _followers.Add(writer);
        return channel.Reader;
    }

    public void Unfollow(ChannelWriter<LogLine> writer) => _followers.Remove(writer);

    /// <summary>
    /// The output written from now on, as it is written (a prompt without its newline too): what <c>kubectl attach</c>
    /// shows. Completed once the log is closed.
    /// </summary>
    public ChannelReader<(LogStream Stream, string Text)> Attach(out ChannelWriter<(LogStream Stream, string Text)> writer)
    {
        var channel = Channel.CreateUnbounded<(LogStream, string)>(new UnboundedChannelOptions { SingleReader = true });
        writer = channel.Writer;
        if (_closed) writer.TryComplete();
        else _attached.Add(writer);
        return channel.Reader;
    }

    public void Detach(ChannelWriter<(LogStream Stream, string Text)> writer) => _attached.Remove(writer);

    /// <summary>The process has exited: writes out unterminated lines and ends every follower.</summary>
    public void Close()
    {
        foreach (var stream in new[] { LogStream.Stdout, LogStream.Stderr })
        {
            if (_pending[(int)stream] is not { Length: > 0 } pending) continue;
            Add(new LogLine(now(), stream, pending.ToString(), Partial: true));
            pending.Clear();
        }
        _closed = true;
        _followers.ForEach(f => f.TryComplete());
        _followers.Clear();
        _attached.ForEach(a => a.TryComplete());
        _attached.Clear();
    }

    void Write(LogStream stream, string text)
    {
        if (text.Length > 0) _attached.ForEach(a => a.TryWrite((stream, text)));
        var pending = _pending[(int)stream] ??= new StringBuilder();
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
        _followers.ForEach(f => f.TryWrite(line));
    }

    sealed class StreamOutput(ContainerLog log, LogStream stream) : IOutput
    {
        public void Write(string text) => log.Write(stream, text);
    }
}
