namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>A container's in-memory file system: text files and directories, seeded from the image.</summary>
internal sealed class ContainerFileSystem
{
    static readonly string[] BaseDirectories = ["/", "/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/usr/local/bin", "/var", "/var/log", "/var/run"];
    readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    readonly HashSet<string> _directories = new(BaseDirectories, StringComparer.Ordinal);

    public ContainerFileSystem(IReadOnlyDictionary<string, string> imageFiles)
    {
        foreach (var (path, content) in imageFiles)
        {
            MakeDirectory(Parent(path), parents: true);
            _files[path] = content;
        }
    }

    public string? Read(string path) => path == "/dev/null" ? "" : _files.GetValueOrDefault(path);

    public bool IsFile(string path) => path == "/dev/null" || _files.ContainsKey(path);

    public bool IsDirectory(string path) => _directories.Contains(path);

    /// <summary>Writes (or appends to) a file; false when its directory does not exist or it is a directory.</summary>
    public bool Write(string path, string text, bool append)
    {
        if (path == "/dev/null") return true;
        if (!_directories.Contains(Parent(path)) || _directories.Contains(path)) return false;
        _files[path] = append && _files.TryGetValue(path, out var old) ? old + text : text;
        return true;
    }

    public bool Delete(string path, bool recursive)
    {
        if (_files.Remove(path)) return true;
        if (!recursive || path == "/" || !_directories.Remove(path)) return false;
        var prefix = path + "/";
        _directories.RemoveWhere(d => d.StartsWith(prefix, StringComparison.Ordinal));
        foreach (var file in _files.Keys.Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            _files.Remove(file);
        }
        return true;
    }

    /// <summary>Creates a directory (and with <paramref name="parents"/> its missing parents); false if it cannot.</summary>
    public bool MakeDirectory(string path, bool parents)
    {
        if (_directories.Contains(path)) return parents;
        if (_files.ContainsKey(path)) return false;
        if (!_directories.Contains(Parent(path)) && !(parents && MakeDirectory(Parent(path), true))) return false;
        _directories.Add(path);
        return true;
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

    static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
