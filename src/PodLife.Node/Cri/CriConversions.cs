using PodLife.Node.Runtime;
using V1 = PodLife.Node.Cri.V1;

namespace PodLife.Node.Cri;

/// <summary>Maps PodLife's runtime records to CRI messages and back (kuberuntime's generate*Config functions).</summary>
internal static class CriConversions
{
    // kubelet's CFS period (quotaPeriod = 100ms) and its share conversion (MilliCPUToShares: 1024 per CPU, at least 2).
    const long CpuPeriod = 100_000;
    const long MinShares = 2;

    public static V1.PodSandboxConfig ToCri(PodSandboxConfig config, string logDirectory) => new()
    {
        Metadata = new V1.PodSandboxMetadata { Name = config.Name, Namespace = config.Namespace, Uid = config.Uid, Attempt = (uint)config.Attempt },
        Hostname = config.Hostname ?? config.Name,
        LogDirectory = logDirectory,
        Labels = { config.Labels.ToDictionary() },
        Linux = new V1.LinuxPodSandboxConfig
        {
            SecurityContext = new V1.LinuxSandboxSecurityContext { NamespaceOptions = Namespaces(config) },
        },
    };

    // A v1 pod's containers get their own PID namespace unless the pod shares one (kuberuntime namespacesForPod).
    static V1.NamespaceOption Namespaces(PodSandboxConfig config) =>
        new() { Pid = config.ShareProcessNamespace ? V1.NamespaceMode.Pod : V1.NamespaceMode.Container };

    public static V1.ContainerConfig ToCri(ContainerConfig config, PodSandboxConfig sandbox)
    {
        var resources = new V1.LinuxContainerResources { MemoryLimitInBytes = config.MemoryLimitBytes ?? 0 };
        if (config.CpuLimitMillis is { } limit) (resources.CpuPeriod, resources.CpuQuota) = (CpuPeriod, limit * CpuPeriod / 1000);
        resources.CpuShares = Math.Max(MinShares, (config.CpuRequestMillis ?? config.CpuLimitMillis ?? 0) * 1024 / 1000);
        var cri = new V1.ContainerConfig
        {
            Metadata = new V1.ContainerMetadata { Name = config.Name, Attempt = (uint)config.Attempt },
            Image = new V1.ImageSpec { Image = config.Image },
            Command = { config.Command },
            Args = { config.Args },
            WorkingDir = config.WorkingDir ?? "",
            Envs = { config.Env.Select(e => new V1.KeyValue { Key = e.Key, Value = e.Value }) },
            Mounts = { config.Mounts.Select(m => new V1.Mount { ContainerPath = m.ContainerPath, HostPath = m.HostPath, Readonly = m.ReadOnly }) },
            Labels = { config.Labels.ToDictionary() },
            Annotations = { config.Annotations.ToDictionary() },
            // kubelet's BuildContainerLogsDirectory layout: <pod log dir>/<container>/<restart count>.log
            LogPath = Path.Combine(config.Name, $"{config.Attempt}.log"),
            Stdin = config.Stdin,
            StdinOnce = config.StdinOnce,
            Tty = config.Tty,
            Linux = new V1.LinuxContainerConfig
            {
                Resources = resources,
                SecurityContext = new V1.LinuxContainerSecurityContext
                {
                    NamespaceOptions = config.TargetContainerId is { } target
                        ? new V1.NamespaceOption { Pid = V1.NamespaceMode.Target, TargetId = target }
                        : Namespaces(sandbox),
                },
            },
        };
        return cri;
    }

    public static PodSandboxStatus FromCri(V1.PodSandboxStatus s) => new(
        s.Id,
        new PodSandboxConfig(s.Metadata.Name, s.Metadata.Namespace, s.Metadata.Uid, (int)s.Metadata.Attempt) { Labels = s.Labels },
        s.State == V1.PodSandboxState.SandboxReady ? PodSandboxState.Ready : PodSandboxState.NotReady,
        Time(s.CreatedAt) ?? DateTimeOffset.UnixEpoch,
        s.Network?.Ip ?? "");

    public static ContainerStatus FromCri(V1.ContainerStatus s, string podSandboxId)
    {
        // containerd stamps startedAt when runc's start returns, so a process that exits at once can have finished
        // "before" it started; it cannot have started later than it finished.
        var (started, finished) = (Time(s.StartedAt), Time(s.FinishedAt));
        if (started > finished) started = finished;
        var state = s.State switch
        {
            V1.ContainerState.ContainerCreated => ContainerState.Created,
            V1.ContainerState.ContainerRunning => ContainerState.Running,
            V1.ContainerState.ContainerExited => ContainerState.Exited,
            _ => ContainerState.Unknown,
        };
        var config = new ContainerConfig(s.Metadata.Name, (int)s.Metadata.Attempt, s.Image?.Image ?? "", [], []) { Labels = s.Labels, Annotations = s.Annotations };
        return new ContainerStatus(s.Id, podSandboxId, config, state, Time(s.CreatedAt) ?? DateTimeOffset.UnixEpoch, started, finished,
            s.ExitCode, s.Reason, s.Message, s.Image?.Image ?? "", s.ImageRef);
    }

    public static ImageInfo FromCri(V1.Image image) => new(image.Id, image.RepoTags, image.RepoDigests, (long)image.Size);

    /// <summary>CRI times are nanoseconds since the epoch; 0 means not set.</summary>
    public static DateTimeOffset? Time(long nanoseconds) =>
        nanoseconds <= 0 ? null : DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);
}
