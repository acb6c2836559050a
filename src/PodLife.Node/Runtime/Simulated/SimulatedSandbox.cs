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

    static readonly string[] NetworkFiles = ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"];
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> WithServiceAccount = new(StringComparer.Ordinal);

    /// <summary>
    /// The paths of the files kubelet gives each container of the pod: /etc/hostname, /etc/hosts, /etc/resolv.conf and
    /// the service account directory's namespace file (one array for all pods of the usual directory).
    /// </summary>
    public IReadOnlyList<string> PodFiles => Config.ServiceAccountDirectory is { } dir
        ? WithServiceAccount.GetOrAdd(dir, d => [.. NetworkFiles, d.TrimEnd('/') + "/namespace"])
        : NetworkFiles;

    /// <summary>
    /// One of <see cref="PodFiles"/>, made when read (at 100,000 pods a copy each would cost megabytes): /etc/hostname,
    /// kubelet's managed /etc/hosts, the resolver's /etc/resolv.conf, the namespace in the service account directory.
    /// </summary>
    public string? PodFile(string path) => path switch
    {
        "/etc/hostname" => Hostname + "\n",
        "/etc/hosts" => ManagedHosts.For(Ip, Hostname, Config.Domain, Config.HostAliases),
        "/etc/resolv.conf" => Config.Dns?.ResolvConf(),
        _ when path.EndsWith("/namespace", StringComparison.Ordinal) && Config.ServiceAccountDirectory is not null => Config.Namespace,
        _ => null,
    };

    public PodSandboxStatus Status() => new(Id, Config, State, createdAt, Ip);
}
