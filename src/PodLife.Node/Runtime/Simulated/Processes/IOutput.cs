using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Where a simulated command's stdout or stderr goes.</summary>
internal interface IOutput
{
    void Write(string text);
}

/// <summary>Collects output in memory (exec results, pipes, command substitution).</summary>
internal sealed class CapturedOutput : IOutput
{
    readonly StringBuilder _text = new();

    public void Write(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();
}

/// <summary>Discards output (<c>/dev/null</c>).</summary>
internal sealed class NullOutput : IOutput
{
    public static readonly NullOutput Instance = new();

    public void Write(string text)
    {
    }
}

/// <summary>Writes to a file in the container (<c>&gt; file</c>, <c>&gt;&gt; file</c>).</summary>
internal sealed class FileOutput(ContainerFileSystem fileSystem, string path) : IOutput
{
    public void Write(string text) => fileSystem.Write(path, text, append: true);
}
