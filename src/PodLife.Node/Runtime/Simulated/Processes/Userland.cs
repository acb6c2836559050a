namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// Error wording of the image's userland: busybox (busybox, alpine and *-alpine images) or GNU coreutils
/// (Debian and Ubuntu based images). Exec probes show these messages, e.g. the Kubernetes liveness example's
/// <c>cat: can't open '/tmp/healthy': No such file or directory</c>.
/// </summary>
internal sealed record Userland(bool IsBusybox)
{
    public static readonly Userland Busybox = new(true);
    public static readonly Userland Gnu = new(false);

    /// <summary>The error text of ENOENT.</summary>
    public const string NoSuchFile = "No such file or directory";

    /// <summary>The error text of EROFS.</summary>
    public const string ReadOnly = "Read-only file system";

    public string CannotOpen(string tool, string path) =>
        IsBusybox ? $"{tool}: can't open '{path}': {NoSuchFile}" : $"{tool}: {path}: {NoSuchFile}";

    public string CannotRemove(string path, string error) =>
        IsBusybox ? $"rm: can't remove '{path}': {error}" : $"rm: cannot remove '{path}': {error}";

    public string CannotTouch(string path, string error) =>
        IsBusybox ? $"touch: {path}: {error}" : $"touch: cannot touch '{path}': {error}";

    public string CannotCreateDirectory(string path, string error) =>
        IsBusybox ? $"mkdir: can't create directory '{path}': {error}" : $"mkdir: cannot create directory '{path}': {error}";

    public string CannotCreateFile(string path, string error) => (IsBusybox, error) switch
    {
        (true, NoSuchFile) => $"sh: can't create {path}: nonexistent directory",
        (true, _) => $"sh: can't create {path}: {error}",
        (false, NoSuchFile) => $"sh: 1: cannot create {path}: Directory nonexistent",
        _ => $"sh: 1: cannot create {path}: {error}",
    };
}
