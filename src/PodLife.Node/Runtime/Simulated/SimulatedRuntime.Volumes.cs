using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated;

// The simulated node's disk: host directories that containers mount as volumes.
public sealed partial class SimulatedRuntime
{
    // Host directories mounted into containers (volumes), shared by every container that mounts them.
    readonly Dictionary<string, FileTree> _hostDirectories = [];

    // The host directories written as a whole by ReplaceHostFiles (configMap, secret, downwardAPI, projected volumes).
    readonly HashSet<string> _atomicDirectories = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes a file on the simulated node's disk, where the node agent puts volume content (configMap, secret,
    /// downward API) before containers mount the directory.
    /// </summary>
    /// <exception cref="ArgumentException">A path is not absolute.</exception>
    public void WriteHostFile(string hostDirectory, string relativePath, string content)
    {
        if (!hostDirectory.StartsWith('/')) throw new ArgumentException($"host directory \"{hostDirectory}\" must be absolute", nameof(hostDirectory));
        var path = ContainerFileSystem.Resolve("/", relativePath);
        lock (Gate)
        {
            var tree = HostDirectory(hostDirectory);
            tree.MakeDirectory(FileTree.Parent(path), parents: true);
            tree.Write(path, content, append: false);
        }
    }

    /// <summary>
    /// Replaces everything in a host directory with <paramref name="files"/> at once, as kubelet's AtomicWriter swaps a
    /// configMap, secret, downwardAPI or projected volume's <c>..data</c> link: a container that mounts the directory sees
    /// the new files, one that mounts a subPath of it keeps the files it was given (its bind mount pins them).
    /// </summary>
    /// <exception cref="ArgumentException">The directory is not absolute.</exception>
    public void ReplaceHostFiles(string hostDirectory, IEnumerable<KeyValuePair<string, string>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (!hostDirectory.StartsWith('/')) throw new ArgumentException($"host directory \"{hostDirectory}\" must be absolute", nameof(hostDirectory));
        var fresh = new FileTree();
        foreach (var (relativePath, content) in files)
        {
            var path = ContainerFileSystem.Resolve("/", relativePath);
            fresh.MakeDirectory(FileTree.Parent(path), parents: true);
            fresh.Write(path, content, append: false);
        }
        lock (Gate)
        {
            var key = ContainerFileSystem.Resolve("/", hostDirectory);
            if (_hostDirectories.TryGetValue(key, out var tree)) tree.ReplaceWith(fresh);
            else _hostDirectories[key] = fresh;
            _atomicDirectories.Add(key);
        }
    }

    /// <summary>The host directories that exist (tests).</summary>
    internal IReadOnlyList<string> HostDirectories
    {
        get
        {
            lock (Gate) return [.. _hostDirectories.Keys];
        }
    }

    /// <summary>Makes an empty host directory (an emptyDir volume) unless it exists.</summary>
    public void MakeHostDirectory(string hostDirectory)
    {
        lock (Gate) HostDirectory(hostDirectory);
    }

    /// <summary>Deletes a host directory (a volume being cleaned up); containers that still mount it keep their view.</summary>
    public void RemoveHostDirectory(string hostDirectory)
    {
        lock (Gate)
        {
            var key = ContainerFileSystem.Resolve("/", hostDirectory);
            _hostDirectories.Remove(key);
            _atomicDirectories.Remove(key);
        }
    }

    // What a container's mount of host path shows: a host directory, or a subPath in one (kubelet bind-mounts the
    // volume's subdirectory or file), whose missing directory is made as kubelet makes it.
    (FileTree Tree, string Root) HostMount(string hostPath)
    {
        hostPath = ContainerFileSystem.Resolve("/", hostPath);
        if (_hostDirectories.ContainsKey(hostPath)) return (_hostDirectories[hostPath], "/");
        string? volume = null;
        foreach (var dir in _hostDirectories.Keys)
        {
            if (dir != "/" && hostPath.StartsWith(dir + "/", StringComparison.Ordinal) && dir.Length > (volume?.Length ?? 0)) volume = dir;
        }
        if (volume is null) return (HostDirectory(hostPath), "/");
        var tree = _hostDirectories[volume];
        var root = hostPath[volume.Length..];
        // A subPath of an atomically written volume is a bind mount of the files of that moment: later updates
        // replace them in a new directory the mount does not see (kubelet documents that subPath mounts get no updates).
        if (_atomicDirectories.Contains(volume)) tree = tree.Copy();
        if (!tree.IsFile(root) && !tree.IsDirectory(root)) tree.MakeDirectory(root, parents: true);
        return (tree, root);
    }

    FileTree HostDirectory(string path)
    {
        path = ContainerFileSystem.Resolve("/", path);
        if (!_hostDirectories.TryGetValue(path, out var tree)) _hostDirectories[path] = tree = new FileTree();
        return tree;
    }
}
