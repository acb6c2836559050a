using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// The stdin of an exec, arriving while the command runs: a reader blocks (on the simulation's terms, so a kill ends
/// the wait) until the text it needs is there or input ends. Touched only under the simulation's lock.
/// </summary>
internal sealed class StreamedInput
{
    readonly StringBuilder _text = new();
    PendingWait? _waiting;
    bool _closed;

    /// <summary>The next line without its newline (the rest at the end of input), or null once all is read.</summary>
    public async Task<string?> ReadLineAsync(SimulatedProcess reader)
    {
        int end;
        while ((end = _text.ToString().IndexOf('\n', StringComparison.Ordinal)) < 0 && !_closed) await WaitAsync(reader).ConfigureAwait(false);
        if (end < 0 && _text.Length == 0) return null;
        var line = end < 0 ? _text.ToString() : _text.ToString(0, end);
        _text.Remove(0, end < 0 ? _text.Length : end + 1);
        return line;
    }

    /// <summary>Everything up to the end of input (what <c>cat</c> or a script read from stdin gets).</summary>
    public async Task<string> ReadToEndAsync(SimulatedProcess reader)
    {
        while (!_closed) await WaitAsync(reader).ConfigureAwait(false);
        var all = _text.ToString();
        _text.Clear();
        return all;
    }

    public void Append(string text)
    {
        _text.Append(text);
        _waiting?.Release();
    }

    public void Close()
    {
        _closed = true;
        _waiting?.Release();
    }

    Task WaitAsync(SimulatedProcess reader)
    {
        _waiting = reader.Block();
        return _waiting.Task;
    }
}
