namespace PodLife.Node.Runtime;

/// <summary>The container runtime seam the pod workers use, shaped after CRI's RuntimeService and ImageService.</summary>
/// <remarks>
/// Failures are <see cref="ContainerRuntimeException"/>s carrying a gRPC-style code and the runtime's own
/// message, as kubelet sees them over CRI. Each restart of a container is a new container (new id) with the
/// next <see cref="ContainerConfig.Attempt"/>, so logs and statuses are kept per attempt until removed.
/// </remarks>
public interface IContainerRuntime
{
    /// <summary>Creates and starts a pod sandbox (network namespace and pod IP); returns its id.</summary>
    Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken = default);

    /// <summary>Stops every container of the sandbox (forcibly) and tears its network down.</summary>
    Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default);

    /// <summary>Removes a sandbox and all its containers; removing an unknown sandbox is not an error.</summary>
    Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default);

    /// <summary>The sandbox's state and IP.</summary>
    Task<PodSandboxStatus> PodSandboxStatusAsync(string podSandboxId, CancellationToken cancellationToken = default);

    /// <summary>All sandboxes the runtime knows.</summary>
    Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken = default);

    /// <summary>Pulls an image; returns its image reference (repo digest), as CRI's PullImage does.</summary>
    Task<string> PullImageAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>The image if it is present on the node, else null (CRI ImageStatus with an empty image).</summary>
    Task<ImageInfo?> ImageStatusAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>All images present on the node.</summary>
    Task<IReadOnlyList<ImageInfo>> ListImagesAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes an image from the node; removing an absent image is not an error.</summary>
    Task RemoveImageAsync(string image, CancellationToken cancellationToken = default);

    /// <summary>Creates a container in a sandbox from a pulled image; returns its id.</summary>
    Task<string> CreateContainerAsync(
        string podSandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig,
        CancellationToken cancellationToken = default);

    /// <summary>Starts a created container.</summary>
    Task StartContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops a container: sends the stop signal (SIGTERM), waits up to <paramref name="timeout"/> for it to exit,
    /// then sends SIGKILL. Completes once the container has exited. A zero timeout kills at once.
    /// </summary>
    Task StopContainerAsync(string containerId, TimeSpan timeout, CancellationToken cancellationToken = default);

    /// <summary>Removes a container (killing it if it still runs) and its logs.</summary>
    Task RemoveContainerAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>The container's state, exit code, reason and times.</summary>
    Task<ContainerStatus> ContainerStatusAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>Every container, optionally only those of one sandbox.</summary>
    Task<IReadOnlyList<ContainerStatus>> ListContainersAsync(
        string? podSandboxId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a command inside a running container and waits for it (CRI ExecSync, used by exec probes and hooks).
    /// A command that outlives <paramref name="timeout"/> fails with <see cref="RuntimeErrorCode.DeadlineExceeded"/>.
    /// </summary>
    Task<ExecResult> ExecSyncAsync(
        string containerId, IReadOnlyList<string> command, TimeSpan timeout,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// A connection to <paramref name="port"/> inside the pod's network namespace, for kubectl port-forward (CRI
    /// PortForward): what the client sends goes to the output, what the server in the pod answers comes from the input.
    /// </summary>
    /// <exception cref="ContainerRuntimeException">Nothing listens there (the description is what kubectl shows).</exception>
    Task<System.IO.Pipelines.IDuplexPipe> PortForwardAsync(string podSandboxId, int port, CancellationToken cancellationToken = default);

    /// <summary>The container's log so far (what CRI writes to the container's log file).</summary>
    Task<IReadOnlyList<LogLine>> ReadLogAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The container's log so far and then each new line as it is written, ending when the container has exited
    /// (what <c>kubectl logs -f</c> follows).
    /// </summary>
    IAsyncEnumerable<LogLine> FollowLogAsync(string containerId, CancellationToken cancellationToken = default);

    /// <summary>Container lifecycle events as they happen (CRI GetContainerEvents, for an evented PLEG).</summary>
    IAsyncEnumerable<ContainerEvent> GetContainerEventsAsync(CancellationToken cancellationToken = default);
}
