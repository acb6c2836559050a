using PodLife.Node.Exec;

namespace PodLife.Node.Runtime;

/// <summary>
/// A runtime that runs commands with live streams (CRI Exec and its streaming server), for <c>kubectl exec</c> with
/// stdin or a TTY. Runtimes without it are asked through ExecSync, which has neither.
/// </summary>
public interface IStreamingExec
{
    /// <summary>Runs <paramref name="command"/> in the container, copying <paramref name="streams"/>; returns its exit code.</summary>
    /// <exception cref="ContainerRuntimeException">The container is not running or the command cannot start.</exception>
    Task<int> ExecAsync(string containerId, IReadOnlyList<string> command, bool tty, ExecStreams streams,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches to the container's main process (CRI Attach, for <c>kubectl attach</c> and <c>kubectl run -i</c>): its
    /// output from now on, and what the client types as its stdin when the container keeps one open. Returns when the
    /// container exits or the client leaves.
    /// </summary>
    /// <exception cref="ContainerRuntimeException">The container is not running.</exception>
    Task AttachAsync(string containerId, bool tty, ExecStreams streams, CancellationToken cancellationToken = default);
}
