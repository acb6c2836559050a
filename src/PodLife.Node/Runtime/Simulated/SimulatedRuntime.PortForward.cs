using System.IO.Pipelines;

namespace PodLife.Node.Runtime.Simulated;

// kubectl port-forward into a simulated pod: a connection to the port a simulated server listens on.
public sealed partial class SimulatedRuntime
{
    /// <inheritdoc/>
    public Task<IDuplexPipe> PortForwardAsync(string podSandboxId, int port, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            if (!_sandboxes.TryGetValue(podSandboxId, out var sandbox) || sandbox.State != PodSandboxState.Ready)
                throw new ContainerRuntimeException(RuntimeErrorCode.NotFound, $"an error occurred when try to find sandbox \"{podSandboxId}\": not found");
            if (Listener(sandbox.Ip, port) is null)
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, PortForwardMessages.ConnectionRefused(podSandboxId, port));
            return SimulatedHttpConnection.Open((method, path, ct) => HttpRequestAsync(sandbox.Ip, port, method, path, ct));
        });
}
