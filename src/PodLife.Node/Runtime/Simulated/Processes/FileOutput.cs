namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Writes to a file in the container (<c>&gt; file</c>, <c>&gt;&gt; file</c>).</summary>
internal sealed class FileOutput(ContainerFileSystem fileSystem, string path) : IOutput
{
    public void Write(string text) => fileSystem.Write(path, text, append: true);
}
