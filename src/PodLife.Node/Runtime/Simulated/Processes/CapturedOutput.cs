using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Collects output in memory (exec results, pipes, command substitution).</summary>
internal sealed class CapturedOutput : IOutput
{
    readonly StringBuilder _text = new();

    public void Write(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();
}
