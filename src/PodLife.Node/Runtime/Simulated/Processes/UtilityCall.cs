namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>One invocation of a built-in utility: the process it runs in, its name, arguments and streams.</summary>
internal sealed record UtilityCall(SimulatedProcess Process, string Name, IReadOnlyList<string> Args, ShellIo Io)
{
    public ContainerFileSystem FileSystem => Process.Container.FileSystem;

    public Userland Userland => Process.Container.Userland;

    public string Resolve(string path) => ContainerFileSystem.Resolve(Process.WorkingDirectory, path);

    public void Out(string text) => Io.Out.Write(text);

    public void Error(string line) => Io.Err.Write(line + "\n");
}
