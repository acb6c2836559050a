using System.Globalization;
using k8s.Models;
using PodLife.Node.Cri.Setup;
using PodLife.Node.Runtime;

namespace PodLife.Node.Volumes;

/// <summary>
/// Pod volumes on the real node's disk, for containers that bind-mount them through CRI: plain directories, tmpfs for
/// secrets and memory-backed emptyDirs, content written like kubelet's AtomicWriter (a timestamped directory behind a
/// <c>..data</c> link, so a container never sees half an update).
/// </summary>
public sealed class HostVolumes(KubeletDirectories directories) : IPodVolumes
{
    /// <summary>kubelet's MaxContainerTerminationMessageLength: the last 4 KiB of the file are kept.</summary>
    public const int MaxTerminationMessageBytes = 4 * 1024;

    const UnixFileMode WorldWritable = (UnixFileMode)0x1FF; // 0777, as kubelet makes emptyDirs
    const UnixFileMode DirectoryMode = (UnixFileMode)0x1ED; // 0755

    /// <inheritdoc/>
    public async Task SetUpAsync(string podUid, IReadOnlyList<VolumeSetup> volumes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(volumes);
        foreach (var volume in volumes.Where(v => v.HostPath is null))
        {
            var dir = directories.Volume(podUid, volume);
            var fresh = !Directory.Exists(dir);
            Directory.CreateDirectory(dir);
            if (fresh && volume.InMemory)
                await ProcessRun.RunAsync("mount", ["-t", "tmpfs", "-o", "mode=0755", "tmpfs", dir], cancellationToken).ConfigureAwait(false);
            if (volume.Files is null)
            {
                if (fresh) SetMode(dir, WorldWritable);
                continue;
            }
            await WriteAtomicallyAsync(dir, volume.Files, cancellationToken).ConfigureAwait(false);
        }
    }

    // The new content goes into its own directory first; renaming the ..data link switches every file at once.
    static async Task WriteAtomicallyAsync(string dir, IReadOnlyList<VolumeFile> files, CancellationToken ct)
    {
        var stamp = ".." + DateTime.UtcNow.ToString("yyyy_MM_dd_HH_mm_ss.fffffff", CultureInfo.InvariantCulture);
        var target = Path.Combine(dir, stamp);
        Directory.CreateDirectory(target);
        foreach (var file in files)
        {
            var path = Path.Combine(target, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content);
            SetMode(path, (UnixFileMode)file.Mode);
        }
        var link = Path.Combine(dir, "..data_tmp");
        if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
        File.CreateSymbolicLink(link, stamp);
        var previous = Directory.Exists(Path.Combine(dir, "..data")) ? new DirectoryInfo(Path.Combine(dir, "..data")).LinkTarget : null;
        // rename(2) of the link itself (File.Move follows it to the directory and refuses).
        await ProcessRun.RunAsync("mv", ["-T", "-f", link, Path.Combine(dir, "..data")], ct).ConfigureAwait(false);
        var tops = files.Select(f => f.Path.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var top in tops)
        {
            var entry = Path.Combine(dir, top);
            if (!File.Exists(entry) && !Directory.Exists(entry)) File.CreateSymbolicLink(entry, Path.Combine("..data", top));
        }
        // A key the update no longer has: its link would point at nothing.
        foreach (var stale in new DirectoryInfo(dir).EnumerateFileSystemInfos().Where(e =>
            !e.Name.StartsWith("..", StringComparison.Ordinal) && !tops.Contains(e.Name) && e.LinkTarget?.StartsWith("..data/", StringComparison.Ordinal) == true))
        {
            stale.Delete();
        }
        if (previous is not null && previous != stamp) Directory.Delete(Path.Combine(dir, previous), recursive: true);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Mount>> MountsAsync(string podUid, V1Container container, int attempt, IReadOnlyList<VolumeSetup> volumes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(container);
        var mounts = ContainerMounts.For(container, volumes, v => directories.Volume(podUid, v));
        // A subPath of a writable volume that does not exist yet is created, as kubelet does.
        foreach (var m in mounts.Where(m => !m.ReadOnly && !Path.Exists(m.HostPath))) Directory.CreateDirectory(m.HostPath);
        if (string.IsNullOrEmpty(container.TerminationMessagePath)) return Task.FromResult(mounts);
        var log = directories.TerminationLog(podUid, container.Name, attempt);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllBytes(log, []);
        // Writable by any user the container runs as (kubelet makes the file 0666 too).
        SetMode(log, (UnixFileMode)0x1B6);
        return Task.FromResult<IReadOnlyList<Mount>>([.. mounts, new Mount(container.TerminationMessagePath, log)]);
    }

    /// <inheritdoc/>
    public async Task<string> TerminationMessageAsync(string podUid, string container, int attempt, CancellationToken cancellationToken = default)
    {
        var path = directories.TerminationLog(podUid, container, attempt);
        if (!File.Exists(path)) return "";
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length > MaxTerminationMessageBytes) file.Seek(-MaxTerminationMessageBytes, SeekOrigin.End);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task TearDownAsync(string podUid, CancellationToken cancellationToken = default)
    {
        var pod = directories.Pod(podUid);
        foreach (var mountPoint in MountPointsUnder(pod).Reverse())
        {
            try
            {
                await ProcessRun.RunAsync("umount", [mountPoint], cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (!MountPointsUnder(mountPoint).Any())
            {
                // Unmounted meanwhile by the other path that cleans up after a pod (deletion vs. force deletion).
            }
        }
        try
        {
            Directory.Delete(pod, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Unmounts and deletes every pod directory (a node shutting down with containerd it started itself).</summary>
    public async Task TearDownAllAsync(CancellationToken cancellationToken = default)
    {
        var pods = Path.Combine(directories.Root, "pods");
        if (!Directory.Exists(pods)) return;
        foreach (var pod in Directory.GetDirectories(pods)) await TearDownAsync(Path.GetFileName(pod), cancellationToken).ConfigureAwait(false);
    }

    // Real nodes are Linux (CRI over a unix socket, runc); the guard only tells the analyzer so.
    static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    /// <summary>Mount points at or below <paramref name="directory"/>, in the order they were mounted.</summary>
    public static IEnumerable<string> MountPointsUnder(string directory) =>
        File.ReadLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(f => f.Length > 1).Select(f => f[1].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(p => p == directory || p.StartsWith(directory + "/", StringComparison.Ordinal)).ToList();
}
