namespace PodLife.Node.Runtime;

/// <summary>What the node asks of a container (CRI ContainerConfig, the parts PodLife uses).</summary>
/// <param name="Name">The container's name in the pod spec.</param>
/// <param name="Attempt">The restart count: 0 for the first container, +1 for each restart.</param>
/// <param name="Image">The image reference as written in the pod spec.</param>
/// <param name="Command">spec command; when empty the image's ENTRYPOINT runs.</param>
/// <param name="Args">spec args; when empty (and command is empty) the image's CMD runs.</param>
public sealed record ContainerConfig(
    string Name, int Attempt, string Image, IReadOnlyList<string> Command, IReadOnlyList<string> Args)
{
    /// <summary>Environment variables, already resolved by the node, in spec order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>The working directory; the image's when null.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>Host directories mounted into the container (volumes); containers mounting the same host path share files.</summary>
    public IReadOnlyList<Mount> Mounts { get; init; } = [];

    /// <summary>The memory limit in bytes (resources.limits.memory); null means no limit.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>The CPU limit in millicores (resources.limits.cpu), a CFS quota; null means no limit.</summary>
    public long? CpuLimitMillis { get; init; }

    /// <summary>The CPU request in millicores (resources.requests.cpu), the container's CPU shares.</summary>
    public long? CpuRequestMillis { get; init; }

    /// <summary>Keep stdin open (spec stdin): a shell without a script then waits for input instead of exiting.</summary>
    public bool Stdin { get; init; }

    /// <summary>Close stdin once the first attached client leaves (spec stdinOnce).</summary>
    public bool StdinOnce { get; init; }

    /// <summary>
    /// The running container whose process namespace this one joins (an ephemeral container's targetContainerName,
    /// CRI's NamespaceMode TARGET): <c>ps</c> in it shows the target's processes. Null for none.
    /// </summary>
    public string? TargetContainerId { get; init; }

    /// <summary>Allocate a terminal (spec tty).</summary>
    public bool Tty { get; init; }

    /// <summary>
    /// spec terminationMessagePath; the runtime reports the file's content at exit, which is what kubelet reads
    /// from the host file it mounts there.
    /// </summary>
    public string? TerminationMessagePath { get; init; }

    /// <summary>Labels kubelet puts on the container (pod uid, container name, …).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations kubelet puts on the container (spec hash, restart count, …).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();
}
