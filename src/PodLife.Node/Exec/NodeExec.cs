using System.Text;
using PodLife.Node.Pods;
using PodLife.Node.Runtime;

namespace PodLife.Node.Exec;

/// <summary>
/// Runs pods/exec commands in the containers a node agent runs (kubelet's GetExec): the running instance of the named
/// container, through the runtime's streaming exec, or ExecSync when the runtime has none.
/// </summary>
internal sealed class NodeExec(IContainerRuntime runtime, Func<string, string, PodWorker?> findWorker) : INodeExec
{
    public async Task<int?> ExecAsync(ContainerExecRequest request, ExecStreams streams, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(streams);
        if (findWorker(request.Namespace, request.Pod) is not { } worker) return null;
        var running = worker.SandboxId is { } sandbox
            ? (await runtime.ListContainersAsync(sandbox, cancellationToken).ConfigureAwait(false))
                .Where(c => c.Config.Name == request.Container && c.State == ContainerState.Running)
                .MaxBy(c => c.Config.Attempt)
            : null;
        // kubelet finds only running containers; anything else is "not found" before the streams open.
        if (running is null) throw new NodeExecException($"container not found (\"{request.Container}\")", beforeStart: true);
        try
        {
            if (request.IsAttach) return await AttachAsync(running.Id, request, streams, cancellationToken).ConfigureAwait(false);
            if (runtime is IStreamingExec streaming)
                return await streaming.ExecAsync(running.Id, request.Command, request.Tty, streams, cancellationToken).ConfigureAwait(false);
            return await ExecSyncAsync(running.Id, request, streams, cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerRuntimeException e)
        {
            throw new NodeExecException($"error executing command in container: {e.Description}", beforeStart: false);
        }
    }

    public async Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string ns, string pod, int port, CancellationToken cancellationToken = default)
    {
        if (findWorker(ns, pod) is not { } worker) return null;
        if (worker.SandboxId is not { } sandbox) throw new PodLife.Core.Streaming.PortForwardException($"pod {pod} has no running sandbox");
        try
        {
            return await runtime.PortForwardAsync(sandbox, port, cancellationToken).ConfigureAwait(false);
        }
        catch (ContainerRuntimeException e)
        {
            throw new PodLife.Core.Streaming.PortForwardException(e.Description);
        }
    }

    // An attach has no exit code of its own: it ends with success when the container exits or the client leaves.
    async Task<int> AttachAsync(string id, ContainerExecRequest request, ExecStreams streams, CancellationToken ct)
    {
        if (runtime is not IStreamingExec streaming)
            throw new NodeExecException($"container runtime of pod \"{request.Pod}\" cannot attach to a container", beforeStart: true);
        await streaming.AttachAsync(id, request.Tty, streams, ct).ConfigureAwait(false);
        return 0;
    }

    // Without streaming the command gets no stdin and its output comes at its end.
    async Task<int> ExecSyncAsync(string id, ContainerExecRequest request, ExecStreams streams, CancellationToken ct)
    {
        if (request.Stdin || request.Tty)
            throw new NodeExecException($"container runtime of pod \"{request.Pod}\" cannot attach stdin or a terminal", beforeStart: true);
        var result = await runtime.ExecSyncAsync(id, request.Command, TimeSpan.Zero, ct).ConfigureAwait(false);
        await WriteAsync(streams.Stdout, result.Stdout, ct).ConfigureAwait(false);
        await WriteAsync(streams.Stderr, result.Stderr, ct).ConfigureAwait(false);
        return result.ExitCode;
    }

    static async Task WriteAsync(Stream? stream, string text, CancellationToken ct)
    {
        if (stream is null || text.Length == 0) return;
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }
}
