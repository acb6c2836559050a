namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// A container's in-memory file system: its own layer, seeded from the image, with shared volume trees mounted
/// over it (paths under a mount point read and write the volume).
/// </summary>
internal sealed class ContainerFileSystem
{
    static readonly string[] BaseDirectories = ["/", "/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/var", "/var/log", "/var/run"];
    readonly FileTree _layer = new(BaseDirectories);
    readonly List<(string Path, FileTree Tree, bool ReadOnly)> _mounts = [];

    public ContainerFileSystem(IReadOnlyDictionary<string, string> imageFiles)
    {
        foreach (var (path, content) in imageFiles)
        {
            _layer.MakeDirectory(FileTree.Parent(path), parents: true);
            _layer.Write(path, content, append: false);
        }
    }

    /// <summary>Mounts <paramref name="tree"/> at <paramref name="path"/> (an absolute path).</summary>
    public void Mount(string path, FileTree tree, bool readOnly)
    {
        _layer.MakeDirectory(path, parents: true);
        _mounts.Add((path, tree, readOnly));
        // Longest mount point first, so nested mounts win.
        _mounts.Sort((a, b) => b.Path.Length.CompareTo(a.Path.Length));
    }

    public string? Read(string path) => path == "/dev/null" ? "" : Locate(path, out var tree, out _).Read(tree);

    public bool IsFile(string path) => path == "/dev/null" || Locate(path, out var inner, out _).IsFile(inner);

    public bool IsDirectory(string path) => Locate(path, out var inner, out _).IsDirectory(inner);

    /// <summary>Writes (or appends to) a file; false when its directory does not exist, it is a directory, or read-only.</summary>
    public bool Write(string path, string text, bool append)
    {
        if (path == "/dev/null") return true;
        var tree = Locate(path, out var inner, out var readOnly);
        return !readOnly && tree.Write(inner, text, append);
    }

    public bool Delete(string path, bool recursive)
    {
        var tree = Locate(path, out var inner, out var readOnly);
        return !readOnly && tree.Delete(inner, recursive);
    }

    public bool MakeDirectory(string path, bool parents)
    {
        var tree = Locate(path, out var inner, out var readOnly);
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

    FileTree Locate(string path, out string inner, out bool readOnly)
    {
        foreach (var (mountPath, tree, isReadOnly) in _mounts)
        {
            if (path == mountPath || path.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                inner = path == mountPath ? "/" : path[mountPath.Length..];
                readOnly = isReadOnly;
                return tree;
            }
        }
        (inner, readOnly) = (path, false);
        return _layer;
    }
}
