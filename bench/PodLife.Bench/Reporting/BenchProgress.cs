using System.Diagnostics;

namespace PodLife.Bench.Reporting;

/// <summary>
/// A one-line progress bar on stderr while a long phase runs ("creating pods [#####.....] 5,000/10,000"), redrawn at
/// most ten times a second, and only on a terminal: logs and tests that capture stderr see nothing of it.
/// </summary>
public sealed class BenchProgress
{
    readonly TextWriter? _terminal;
    long _lastDraw;

    public BenchProgress(TextWriter? terminal) => _terminal = terminal;

    /// <summary>A progress bar on this process's stderr if it is a terminal, else one that draws nothing.</summary>
    public static BenchProgress OnConsole() => new(Console.IsErrorRedirected ? null : Console.Error);

    public static BenchProgress None { get; } = new(null);

    public void Report(string phase, long done, long total)
    {
        if (_terminal is null || total <= 0) return;
        var now = Stopwatch.GetTimestamp();
        if (done < total && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastDraw), now) < TimeSpan.FromMilliseconds(100)) return;
        Interlocked.Exchange(ref _lastDraw, now);
        const int width = 30;
        var filled = (int)(width * Math.Clamp((double)done / total, 0, 1));
        lock (_terminal)
            _terminal.Write($"\r  {phase} [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0}  ");
    }

    /// <summary>Clears the bar so the next line starts clean.</summary>
    public void Done()
    {
        if (_terminal is null) return;
        lock (_terminal) _terminal.Write("\r" + new string(' ', 80) + "\r");
    }
}
