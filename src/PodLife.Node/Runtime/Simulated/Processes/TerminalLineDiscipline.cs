using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// The canonical mode of the pseudo-terminal <c>kubectl exec -t</c> gets (termios ICANON, ECHO, ICRNL): typed text
/// is echoed, erase (DEL or BS) removes the last character, Enter ends a line, ^C drops it, ^D on an empty line is
/// the end of input. kubectl puts the local terminal in raw mode, so this is the only echo the user sees.
/// </summary>
internal sealed class TerminalLineDiscipline
{
    readonly StringBuilder _line = new();

    /// <summary>True once ^D arrived on an empty line.</summary>
    public bool EndOfInput { get; private set; }

    /// <summary>What typing <paramref name="text"/> echoes, and the lines it completes (each without its newline).</summary>
    public (string Echo, IReadOnlyList<string> Lines) Type(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var echo = new StringBuilder();
        var lines = new List<string>();
        foreach (var c in text)
        {
            if (EndOfInput) break;
            switch (c)
            {
                case '\r' or '\n':
                    echo.Append("\r\n");
                    lines.Add(_line.ToString());
                    _line.Clear();
                    break;
                case '\x7f' or '\b':
                    if (_line.Length == 0) break;
                    _line.Length--;
                    echo.Append("\b \b");
                    break;
                case '\x03':
                    echo.Append("^C\r\n");
                    _line.Clear();
                    lines.Add("");
                    break;
                case '\x04':
                    // ^D sends the line typed so far without a newline; on an empty line that is the end of input.
                    if (_line.Length == 0) EndOfInput = true;
                    else
                    {
                        lines.Add(_line.ToString());
                        _line.Clear();
                    }
                    break;
                default:
                    _line.Append(c);
                    echo.Append(c);
                    break;
            }
        }
        return (echo.ToString(), lines);
    }

    /// <summary>Output as the terminal shows it: each newline becomes CR LF (termios ONLCR).</summary>
    public static string Output(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
}
