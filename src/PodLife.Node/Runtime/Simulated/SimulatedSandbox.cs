namespace PodLife.Node.Runtime.Simulated;

/// <summary>A simulated pod sandbox: its config, IP, state and containers.</summary>
internal sealed class SimulatedSandbox(string id, PodSandboxConfig config, string ip, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public PodSandboxConfig Config { get; } = config;

    public string Ip { get; } = ip;

    public PodSandboxState State { get; set; } = PodSandboxState.Ready;

    public List<SimulatedContainer> Containers { get; } = [];

    public string Hostname => Config.Hostname ?? Config.Name;

    public PodSandboxStatus Status() => new(Id, Config, State, createdAt, Ip);
}
