namespace PodLife.Node.Cri.Setup;

/// <summary>What a real node needs before it can run containers, checked up front so the error says what is missing.</summary>
public static class CriPrerequisites
{
    /// <summary>The tools PodLife runs itself when it starts containerd (Debian package in brackets in the message).</summary>
    static readonly (string Tool, string Package)[] Tools =
    [
        ("containerd", "containerd"), ("runc", "runc"), ("docker-registry", "docker-registry"), ("umoci", "umoci"), ("skopeo", "skopeo"),
    ];

    /// <summary>
    /// Null when the node can start its own containerd, else one line naming what is missing. With
    /// <paramref name="socket"/> set only the connection matters (containerd runs already).
    /// </summary>
    public static string? Missing(string? socket, Func<string, string?>? findTool = null)
    {
        findTool ??= FindOnPath;
        if (socket is not null) return File.Exists(socket) ? null : $"containerd socket {socket} does not exist (is containerd running?)";
        if (!Environment.IsPrivilegedProcess) return "the cri runtime must run as root (containers need namespaces, cgroups and mounts)";
        if (!System.IO.Directory.Exists("/sys/fs/cgroup/memory") && !File.Exists("/sys/fs/cgroup/cgroup.controllers"))
            return "no cgroups: neither /sys/fs/cgroup/memory (v1) nor /sys/fs/cgroup/cgroup.controllers (v2) exists";
        foreach (var (tool, package) in Tools)
        {
            if (findTool(tool) is null) return $"{tool} is not installed (Debian package {package})";
        }
        if (!File.Exists("/usr/lib/cni/bridge")) return "CNI plugins are not installed in /usr/lib/cni (Debian package containernetworking-plugins)";
        if (!File.Exists("/bin/busybox")) return "/bin/busybox is missing; the node's images are built from it (Debian package busybox-static)";
        return null;
    }

    static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':')
            .Append("/usr/sbin").Append("/sbin")
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}
