namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// Lines typed into an interactive exec, read by its shell: the shell blocks (on the simulation's terms, so a kill
/// ends the wait) until a line comes or input ends. Touched only under the simulation's lock.
/// </summary>
internal sealed class LineInput(SimulatedProcess reader)
{
    readonly Queue<string> _lines = new();
    PendingWait? _waiting;
    bool _closed;

    /// <summary>The next line, or null at the end of input.</summary>
    public async Task<string?> ReadLineAsync()
    {
        while (_lines.Count == 0 && !_closed)
        {
            _waiting = reader.Block();
            await _waiting.Task.ConfigureAwait(false);
        }
        return _lines.TryDequeue(out var line) ? line : null;
    }

    public void Add(string line)
    {
        _lines.Enqueue(line);
        _waiting?.Release();
    }

    public void Close()
    {
        _closed = true;
        _waiting?.Release();
    }
}
