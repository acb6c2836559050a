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

    /// <summary>
    /// The files kubelet gives each container of the pod, made when read (at 100,000 pods a copy each would cost
    /// megabytes): /etc/hostname, kubelet's managed /etc/hosts and the resolver's /etc/resolv.conf.
    /// </summary>
    public string? PodFile(string path) => path switch
    {
        "/etc/hostname" => Hostname + "\n",
        "/etc/hosts" => ManagedHosts.For(Ip, Hostname, Config.Domain, Config.HostAliases),
        "/etc/resolv.conf" => Config.Dns?.ResolvConf(),
        _ => null,
    };

    public PodSandboxStatus Status() => new(Id, Config, State, createdAt, Ip);
}
