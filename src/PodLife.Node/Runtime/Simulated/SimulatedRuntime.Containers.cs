using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated;

// Containers: create, start, stop, exec, logs, status; each restart is a new container with the next attempt.
public sealed partial class SimulatedRuntime
{

    /// <inheritdoc/>
    public Task<string> CreateContainerAsync(
        string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig,
        CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            var sandbox = Sandbox(podSandboxId);
            if (sandbox.State != PodSandboxState.Ready)
            {
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"failed to create containerd container: sandbox \"{podSandboxId}\" is not ready");
            }
            var image = FindImage(config.Image)?.Image
                ?? throw new ContainerRuntimeException(RuntimeErrorCode.NotFound,
                    $"failed to resolve image \"{config.Image}\": not found");
            var id = NewId("container");
            var reserved = $"{config.Name}_{sandboxConfig.Name}_{sandboxConfig.Namespace}_{sandboxConfig.Uid}_{config.Attempt}";
            if (sandbox.Containers.FirstOrDefault(c => c.Config.Name == config.Name && c.Config.Attempt == config.Attempt) is { } taken)
            {
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"failed to reserve container name \"{reserved}\": name \"{reserved}\" is reserved for \"{taken.Id}\"");
            }
            if (Argv(config, image.Image).Count == 0)
            {
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"failed to generate container \"{id}\" spec: no command specified");
            }
            var container = new SimulatedContainer(id, sandbox, config, image, _options, _scheduler, HostMount, Publish, Cluster ?? new OwnPodsNetwork(this));
            sandbox.Containers.Add(container);
            _containers[id] = container;
            Publish(container, ContainerEventType.Created);
            return id;
        });

    /// <inheritdoc/>
    public Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            var container = Container(containerId);
            if (container.State != ContainerState.Created)
            {
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"container \"{containerId}\" is in {CriName(container.State)} state, not CONTAINER_CREATED");
            }
            var argv = Argv(container.Config, container.Image.Image);
            if (!ProgramRunner.Exists(container, argv))
            {
                // As containerd: runc cannot exec the program, and the container is left exited with StartError (128).
                var message = "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: " +
                    $"unable to start container process: {ProgramRunner.MissingProgramReason(argv[0])}: unknown";
                container.FailStart(message);
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, message);
            }
            container.Start(argv);
            return true;
        });

    /// <inheritdoc/>
    public Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var stopped = Locked(cancellationToken, () => Container(containerId).Stop(timeout));
        return stopped.IsFaulted ? stopped : stopped.Result.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => _containers.TryGetValue(containerId, out var container) && RemoveContainer(container));

    /// <inheritdoc/>
    public Task<ContainerStatus> ContainerStatusAsync(string containerId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => Container(containerId).Status());

    /// <inheritdoc/>
    public Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(
        string? podSandboxId = null, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => (IReadOnlyList<ContainerStatus>)[.. ContainersOf(podSandboxId).Select(c => c.Status())]);

    // A pod's sync lists its own sandbox's containers: read from the sandbox (which holds them until it is removed, and
    // removes them with it) rather than by a walk over every container of the node.
    IEnumerable<SimulatedContainer> ContainersOf(string? podSandboxId) =>
        podSandboxId is null ? _containers.Values : _sandboxes.TryGetValue(podSandboxId, out var sandbox) ? sandbox.Containers : [];

    /// <inheritdoc/>
    public Task<ExecResult> ExecSyncAsync(
        string containerId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (command.Count == 0)
        {
            return Task.FromException<ExecResult>(new ContainerRuntimeException(RuntimeErrorCode.InvalidArgument, "cmd must not be empty"));
        }
        var started = Locked(cancellationToken, () =>
        {
            var container = Container(containerId);
            if (container.State != ContainerState.Running)
            {
                throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"failed to exec in container: container is in {CriName(container.State)} state");
            }
            return ProgramRunner.Exists(container, command) ? container.Exec(command, timeout) : throw MissingProgram(command[0]);
        });
        return started.IsFaulted ? Task.FromException<ExecResult>(started.Exception!.InnerException!) : started.Result.WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<LogLine>> ReadLogAsync(string containerId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => Container(containerId).Log.Lines);

    /// <inheritdoc/>
    public async IAsyncEnumerable<LogLine> FollowLogAsync(
        string containerId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChannelReader<LogLine> reader;
        ChannelWriter<LogLine> writer;
        SimulatedContainer container;
        lock (Gate)
        {
            container = Container(containerId);
            reader = container.Log.Follow(out writer);
        }
        try
        {
            await foreach (var line in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
        finally
        {
            lock (Gate) container.Log.Unfollow(writer);
        }
    }

    bool RemoveContainer(SimulatedContainer container)
    {
        container.Stop(TimeSpan.Zero);
        container.Sandbox.Containers.Remove(container);
        _containers.Remove(container.Id);
        Publish(container, ContainerEventType.Deleted);
        return true;
    }

    SimulatedContainer Container(string id) => _containers.GetValueOrDefault(id)
        ?? throw new ContainerRuntimeException(RuntimeErrorCode.NotFound,
            $"an error occurred when try to find container \"{id}\": not found");

    static IReadOnlyList<string> Argv(ContainerConfig config, Images.CatalogImage image) =>
        ProcessArgs.Resolve(image.Entrypoint, image.Cmd, config.Command, config.Args);

    static string CriName(ContainerState state) => "CONTAINER_" + state.ToString().ToUpperInvariant();
}
