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

    const string NoSuchFile = "No such file or directory";

    public string CannotOpen(string tool, string path) =>
        IsBusybox ? $"{tool}: can't open '{path}': {NoSuchFile}" : $"{tool}: {path}: {NoSuchFile}";

    public string CannotRemove(string path) =>
        IsBusybox ? $"rm: can't remove '{path}': {NoSuchFile}" : $"rm: cannot remove '{path}': {NoSuchFile}";

    public string CannotTouch(string path) =>
        IsBusybox ? $"touch: {path}: {NoSuchFile}" : $"touch: cannot touch '{path}': {NoSuchFile}";

    public string CannotCreateDirectory(string path) =>
        IsBusybox ? $"mkdir: can't create directory '{path}': {NoSuchFile}" : $"mkdir: cannot create directory '{path}': {NoSuchFile}";

    public string CannotCreateFile(string path) =>
        IsBusybox ? $"sh: can't create {path}: nonexistent directory" : $"sh: 1: cannot create {path}: Directory nonexistent";
}
