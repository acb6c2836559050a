namespace PodLife.Node.Exec;

/// <summary>
/// What pods/exec asks a node to run (kubelet's /exec/NS/POD/CONTAINER?command=…&amp;input&amp;output&amp;error&amp;tty):
/// <paramref name="Command"/> in the running instance of <paramref name="Container"/>, with the streams the client opened.
/// Without a command it attaches to the container's main process instead (kubelet's /attach, for pods/attach).
/// </summary>
public sealed record ContainerExecRequest(
    string Namespace, string Pod, string Container, IReadOnlyList<string> Command,
    bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    /// <summary>True for an attach to the main process: no command to run.</summary>
    public bool IsAttach => Command.Count == 0;
}
