namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// A container's in-memory file system: its own layer, seeded from the image, with shared volume trees mounted
/// over it (paths under a mount point read and write the volume).
/// </summary>
/// <remarks>
/// The layer is built on first use: most containers (pause, a sleeping busybox) never touch a file, and with 100,000
/// pods a directory tree each was a few hundred megabytes. Until then, reading a file answers from what the layer
/// would hold (the image's files and the pod's files: /etc/hostname, /etc/hosts, /etc/resolv.conf) or from the mounted volumes, so a container's exit, which reads
/// its termination message, does not build it either.
/// </remarks>
/// <param name="imageFiles">The image's files by path.</param>
/// <param name="workingDirectory">The container's working directory, made if the image lacks it.</param>
/// <param name="podFiles">The paths of the files kubelet gives every container of the pod (/etc/hostname, /etc/hosts...).</param>
/// <param name="podFile">The content of one of <paramref name="podFiles"/>, null if none.</param>
internal sealed class ContainerFileSystem(IReadOnlyDictionary<string, string> imageFiles, string workingDirectory,
    IReadOnlyList<string> podFiles, Func<string, string?> podFile)
{    static readonly string[] BaseDirectories = ["/", "/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/var", "/var/log", "/var/run"];
    readonly List<(string Path, FileTree Tree, bool ReadOnly, string Root)> _mounts = [];
    readonly Lock _building = new();
    FileTree? _layer;

    /// <summary>Whether the layer exists yet (it is built by the first use that needs it).</summary>
    public bool IsLayerBuilt => Volatile.Read(ref _layer) is not null;

    // Seeded as a container's layer always was: the image's files, the mount points, the working directory, the pod's files.
    FileTree Layer
    {
        get
        {
            if (Volatile.Read(ref _layer) is { } built) return built;
            lock (_building)
            {
                if (_layer is not null) return _layer;
                var layer = new FileTree(BaseDirectories);
                foreach (var (path, content) in imageFiles)
                {
                    layer.MakeDirectory(FileTree.Parent(path), parents: true);
                    layer.Write(path, content, append: false);
                }
                foreach (var (path, _, _, _) in _mounts) layer.MakeDirectory(path, parents: true);
                MakeDirectory(workingDirectory, parents: true, layer);
                foreach (var path in podFiles)
                {
                    if (podFile(path) is not { } content) continue;
                    layer.MakeDirectory(FileTree.Parent(path), parents: true);
                    Write(path, content, append: false, layer);
                }
                Volatile.Write(ref _layer, layer);
                return layer;
            }
        }
    }

    /// <summary>
    /// Mounts <paramref name="tree"/> at <paramref name="path"/> (an absolute path), from <paramref name="root"/> in the
    /// tree on: a volume's subPath, a directory or a single file.
    /// </summary>
    public void Mount(string path, FileTree tree, bool readOnly, string root = "/")
    {
        _layer?.MakeDirectory(path, parents: true);
        _mounts.Add((path, tree, readOnly, root));
        // Longest mount point first, so nested mounts win.
        _mounts.Sort((a, b) => b.Path.Length.CompareTo(a.Path.Length));
    }

    public string? Read(string path)
    {
        if (path == "/dev/null") return "";
        if (_layer is null && MountOf(path) is null) return podFiles.Contains(path) ? podFile(path) : imageFiles.GetValueOrDefault(path);
        return Locate(path, out var tree, out _).Read(tree);
    }

    public bool IsFile(string path) => path == "/dev/null" || Locate(path, out var inner, out _).IsFile(inner);

    public bool IsDirectory(string path) => Locate(path, out var inner, out _).IsDirectory(inner);

    /// <summary>
    /// The names right under the directory <paramref name="path"/>, in ordinal order: its own, and the volumes mounted
    /// right under it.
    /// </summary>
    public IReadOnlyList<string> Children(string path)
    {
        var tree = Locate(path, out var inner, out _);
        var mounted = _mounts.Where(m => m.Path != path && FileTree.Parent(m.Path) == path).Select(m => m.Path[(m.Path.LastIndexOf('/') + 1)..]);
        return [.. tree.Children(inner).Concat(mounted).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Writes (or appends to) a file; false when its directory does not exist, it is a directory, or read-only.</summary>
    public bool Write(string path, string text, bool append) => path == "/dev/null" || Write(path, text, append, layer: null);

    bool Write(string path, string text, bool append, FileTree? layer)
    {
        var tree = Locate(path, out var inner, out var readOnly, layer);
        return !readOnly && tree.Write(inner, text, append);
    }

    public bool Delete(string path, bool recursive)
    {
        var tree = Locate(path, out var inner, out var readOnly);
        return !readOnly && tree.Delete(inner, recursive);
    }

    public bool MakeDirectory(string path, bool parents) => MakeDirectory(path, parents, layer: null);

    bool MakeDirectory(string path, bool parents, FileTree? layer)
    {
        var tree = Locate(path, out var inner, out var readOnly, layer);
        return !readOnly && tree.MakeDirectory(inner, parents);
    }

    /// <summary>Why writing <paramref name="path"/> failed, worded as the kernel's error text.</summary>
    public string WriteError(string path)
    {
        Locate(path, out _, out var readOnly);
        return readOnly ? Userland.ReadOnly : Userland.NoSuchFile;
    }

    /// <summary>Resolves <paramref name="path"/> against <paramref name="workingDirectory"/>, folding "." and "..".</summary>
    public static string Resolve(string workingDirectory, string path)
    {
        var full = path.StartsWith('/') ? path : workingDirectory.TrimEnd('/') + "/" + path;
        var parts = new List<string>();
        foreach (var part in full.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }
        return "/" + string.Join('/', parts);
    }

    // The mount that holds path, if any (the longest mount point first, so nested mounts win).
    (string Path, FileTree Tree, bool ReadOnly, string Root)? MountOf(string path)
    {
        foreach (var mount in _mounts)
        {
            if (path == mount.Path || path.StartsWith(mount.Path + "/", StringComparison.Ordinal)) return mount;
        }
        return null;
    }

    // The tree that holds path (a mounted volume, else the layer: the one being built when given).
    FileTree Locate(string path, out string inner, out bool readOnly, FileTree? layer = null)
    {
        if (MountOf(path) is { } mount)
        {
            var below = path == mount.Path ? "" : path[mount.Path.Length..];
            inner = mount.Root == "/" ? (below.Length == 0 ? "/" : below) : mount.Root + below;
            readOnly = mount.ReadOnly;
            return mount.Tree;
        }
        (inner, readOnly) = (path, false);
        return layer ?? Layer;
    }
}
