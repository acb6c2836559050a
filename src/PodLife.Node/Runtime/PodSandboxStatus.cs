namespace PodLife.Node.Runtime;

/// <summary>A pod sandbox as the runtime reports it (CRI PodSandboxStatus).</summary>
/// <param name="Id">The sandbox id.</param>
/// <param name="Config">The config it was created with.</param>
/// <param name="State">Ready or NotReady.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Ip">The pod IP.</param>
public sealed record PodSandboxStatus(
    string Id, PodSandboxConfig Config, PodSandboxState State, DateTimeOffset CreatedAt, string Ip);
