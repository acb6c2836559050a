using System.Text;
using PodLife.Node.Runtime;
using V1 = PodLife.Node.Cri.V1;

namespace PodLife.Node.Cri;

// Containers: create, start, stop, remove, status and exec.
public sealed partial class CriRuntime
{
    /// <inheritdoc/>
    public Task<string> CreateContainerAsync(
        string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(sandboxConfig);
        var request = new V1.CreateContainerRequest
        {
            PodSandboxId = podSandboxId,
            Config = CriConversions.ToCri(config, sandboxConfig),
            SandboxConfig = CriConversions.ToCri(sandboxConfig, LogDirectory(sandboxConfig.Namespace, sandboxConfig.Name, sandboxConfig.Uid)),
        };
        return CriCalls.RunAsync(async () => (await _runtime.CreateContainerAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false)).ContainerId);
    }

    /// <inheritdoc/>
    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        CriCalls.RunAsync(() => _runtime.StartContainerAsync(new V1.StartContainerRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ResponseAsync);

    /// <inheritdoc/>
    public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        // CRI's timeout is whole seconds; the runtime sends SIGTERM, then SIGKILL once it has passed.
        CriCalls.OrDefaultIfNotFoundAsync(() => _runtime.StopContainerAsync(
            new V1.StopContainerRequest { ContainerId = containerId, Timeout = (long)Math.Ceiling(Math.Max(0, timeout.TotalSeconds)) },
            cancellationToken: cancellationToken).ResponseAsync);

    /// <inheritdoc/>
    public async Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var status = await CriCalls.OrDefaultIfNotFoundAsync(() => _runtime.ContainerStatusAsync(
            new V1.ContainerStatusRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        await CriCalls.OrDefaultIfNotFoundAsync(() => _runtime.RemoveContainerAsync(
            new V1.RemoveContainerRequest { ContainerId = containerId }, cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        // kubelet's removeContainerLog: the runtime keeps the file, the node deletes it with the container.
        if (status?.Status.LogPath is { Length: > 0 } log) File.Delete(log);
    }

    /// <inheritdoc/>
    public async Task<ContainerStatus> ContainerStatusAsync(string containerId, CancellationToken cancellationToken = default)
    {
        // CRI's ContainerStatus does not name the sandbox; the container list does.
        var listed = await CriCalls.RunAsync(() => _runtime.ListContainersAsync(new V1.ListContainersRequest
        {
            Filter = new V1.ContainerFilter { Id = containerId },
        }, cancellationToken: cancellationToken).ResponseAsync).ConfigureAwait(false);
        var sandbox = listed.Containers.FirstOrDefault()?.PodSandboxId ?? "";
        return CriConversions.FromCri((await RawStatusAsync(containerId, cancellationToken).ConfigureAwait(false)).Status, sandbox);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(string? podSandboxId = null, CancellationToken cancellationToken = default)
    {
        var listed = await ListAsync(podSandboxId, cancellationToken).ConfigureAwait(false);
        var statuses = await Task.WhenAll(listed.Select(async c =>
            await CriCalls.OrDefaultIfNotFoundAsync(() => RawStatusAsync(c.Id, cancellationToken)).ConfigureAwait(false) is { } s
                ? CriConversions.FromCri(s.Status, c.PodSandboxId) : null)).ConfigureAwait(false);
        return [.. statuses.OfType<ContainerStatus>()];
    }

    async Task<IReadOnlyList<V1.Container>> ListAsync(string? podSandboxId, CancellationToken ct)
    {
        var request = new V1.ListContainersRequest { Filter = new V1.ContainerFilter { PodSandboxId = podSandboxId ?? "" } };
        return (await CriCalls.RunAsync(() => _runtime.ListContainersAsync(request, cancellationToken: ct).ResponseAsync).ConfigureAwait(false)).Containers;
    }

    Task<V1.ContainerStatusResponse> RawStatusAsync(string containerId, CancellationToken ct) =>
        CriCalls.RunAsync(() => _runtime.ContainerStatusAsync(new V1.ContainerStatusRequest { ContainerId = containerId }, cancellationToken: ct).ResponseAsync);

    /// <inheritdoc/>
    public Task<ExecResult> ExecSyncAsync(
        string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var seconds = (long)Math.Ceiling(Math.Max(1, timeout.TotalSeconds));
        var request = new V1.ExecSyncRequest { ContainerId = containerId, Cmd = { command }, Timeout = seconds };
        return CriCalls.RunAsync(async () =>
        {
            // The runtime enforces the timeout; the gRPC deadline only guards against a runtime that hangs.
            var response = await _runtime.ExecSyncAsync(request, deadline: DateTime.UtcNow.AddSeconds(seconds + 10), cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ExecResult(response.ExitCode, Encoding.UTF8.GetString(response.Stdout.Span), Encoding.UTF8.GetString(response.Stderr.Span));
        });
    }
}
