namespace PodLife.Node.Runtime;

/// <summary>A container as the runtime reports it (CRI ContainerStatus).</summary>
/// <param name="Id">The container id (64 hex digits).</param>
/// <param name="PodSandboxId">The sandbox it belongs to.</param>
/// <param name="Config">The config it was created with (name, attempt, labels, annotations).</param>
/// <param name="State">Created, Running, Exited or Unknown.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="StartedAt">When its process started; null before.</param>
/// <param name="FinishedAt">When its process exited; null before.</param>
/// <param name="ExitCode">The exit code once exited (128 + signal when killed: 137 SIGKILL, 143 SIGTERM).</param>
/// <param name="Reason">Once exited: <c>Completed</c>, <c>Error</c> or <c>OOMKilled</c> (<see cref="ContainerReasons"/>).</param>
/// <param name="Message">The termination message file's content, if any.</param>
/// <param name="Image">The image name, normalised (<c>docker.io/library/nginx:1.27</c>).</param>
/// <param name="ImageRef">The image's digest reference (<c>docker.io/library/nginx@sha256:…</c>).</param>
public sealed record ContainerStatus(
    string Id,
    string PodSandboxId,
    ContainerConfig Config,
    ContainerState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int ExitCode,
    string Reason,
    string Message,
    string Image,
    string ImageRef);
