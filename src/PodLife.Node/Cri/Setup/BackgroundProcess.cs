using System.Diagnostics;

namespace PodLife.Node.Cri.Setup;

/// <summary>A daemon PodLife started itself (containerd, the registry), its output in a log file, stopped by its own id.</summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    readonly Process _process;

    BackgroundProcess(Process process, string logFile) => (_process, LogFile) = (process, logFile);

    /// <summary>Where its stdout and stderr go.</summary>
    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="fileName"/>; its output is appended to <paramref name="logFile"/>.</summary>
    public static BackgroundProcess Start(string fileName, IEnumerable<string> args, string logFile)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null) return;
            lock (gate) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) => { lock (gate) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BackgroundProcess(process, logFile);
    }

    /// <summary>The last lines it printed (for error messages).</summary>
    public string Tail(int lines = 5) =>
        File.Exists(LogFile) ? string.Join(" | ", File.ReadLines(LogFile).TakeLast(lines)) : "";

    /// <summary>Stops it with SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        // .NET's Process.Kill only sends SIGKILL; the daemons shut down cleanly on SIGTERM.
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        using var cts = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _process.Dispose();
    }
}
