namespace PodLife.ApiServer.Exec;

/// <summary>
/// pods/exec's query (core/v1 PodExecOptions) after the container is chosen: what a node is asked to run and which
/// streams the client opened. Without a command it is pods/attach's: the streams of the container's main process.
/// </summary>
public sealed record PodExecRequest(
    string Namespace, string Pod, string Container, IReadOnlyList<string> Command,
    bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    /// <summary>True for pods/attach: no command to run.</summary>
    public bool IsAttach => Command.Count == 0;
}
