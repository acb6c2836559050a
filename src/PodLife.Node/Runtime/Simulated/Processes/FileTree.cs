namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>An in-memory directory tree of text files: a container's own layer or a shared volume.</summary>
internal sealed class FileTree(IEnumerable<string>? directories = null)
{
    readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);
    readonly HashSet<string> _directories = new(directories ?? ["/"], StringComparer.Ordinal) { "/" };

    public string? Read(string path) => _files.GetValueOrDefault(path);

    public bool IsFile(string path) => _files.ContainsKey(path);

    public bool IsDirectory(string path) => _directories.Contains(path);

    /// <summary>Writes (or appends to) a file; false when its directory does not exist or it is a directory.</summary>
    public bool Write(string path, string text, bool append)
    {
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

    /// <summary>The names of the files and directories right under <paramref name="directory"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Children(string directory)
    {
        var prefix = directory == "/" ? "/" : directory + "/";
        return [.. _files.Keys.Concat(_directories)
            .Where(p => p.Length > prefix.Length && p.StartsWith(prefix, StringComparison.Ordinal) && p.IndexOf('/', prefix.Length) < 0)
            .Select(p => p[prefix.Length..])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A tree of its own with the same directories and files.</summary>
    public FileTree Copy()
    {
        var copy = new FileTree(_directories);
        foreach (var (path, text) in _files) copy._files[path] = text;
        return copy;
    }

    /// <summary>Takes <paramref name="other"/>'s directories and files in place of its own.</summary>
    public void ReplaceWith(FileTree other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _files.Clear();
        _directories.Clear();
        foreach (var (path, text) in other._files) _files[path] = text;
        _directories.UnionWith(other._directories);
    }

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }
}
