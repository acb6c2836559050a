namespace PodLife.Node.Exec;

/// <summary>
/// What pods/exec asks a node to run (kubelet's /exec/NS/POD/CONTAINER?command=…&amp;input&amp;output&amp;error&amp;tty):
/// <paramref name="Command"/> in the running instance of <paramref name="Container"/>, with the streams the client opened.
/// </summary>
public sealed record ContainerExecRequest(
    string Namespace, string Pod, string Container, IReadOnlyList<string> Command,
    bool Stdin, bool Stdout, bool Stderr, bool Tty);
