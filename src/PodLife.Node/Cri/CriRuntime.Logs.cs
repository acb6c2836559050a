using System.Runtime.CompilerServices;
using PodLife.Node.Runtime;

namespace PodLife.Node.Cri;

// Container logs from the CRI log files the runtime writes, and container events from relisting.
public sealed partial class CriRuntime
{
    static readonly TimeSpan FollowPoll = TimeSpan.FromMilliseconds(200);
    // How long an exited container's log must stay the same to count as complete.
    static readonly TimeSpan ExitSettle = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LogLine>> ReadLogAsync(string containerId, CancellationToken cancellationToken = default)
    {
        var status = await RawStatusAsync(containerId, cancellationToken).ConfigureAwait(false);
        return CriLogFile.ParseAll(await ReadTextAsync(status.Status.LogPath, cancellationToken).ConfigureAwait(false), out _, final: true);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The file stays open while it is followed and is read from where the last read ended. A deleted pod's container
    /// and log directory are removed as soon as it stops, often within one poll: the lines it wrote last (a preStop
    /// hook's, a SIGTERM handler's) are still read from the open file, and a container that is gone counts as exited.
    /// containerd reports the exit before its log writer has always written the last lines out (the pipe to the file
    /// drains on its own goroutine), so after the exit the file is read until it has stayed the same for a while.
    /// </remarks>
    public async IAsyncEnumerable<LogLine> FollowLogAsync(string containerId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = (await RawStatusAsync(containerId, cancellationToken).ConfigureAwait(false)).Status.LogPath;
        StreamReader? file = null;
        try
        {
            var unread = "";
            var exited = false;
            var settled = false; // a read after the exit has waited ExitSettle
            while (true)
            {
                // Read the state before the file, so that lines written just before the exit are not missed.
                exited = exited || await HasExitedAsync(containerId, cancellationToken).ConfigureAwait(false);
                file ??= OpenShared(path);
                var more = file is null ? "" : await file.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                unread += more;
                var complete = settled && more.Length == 0;
                var lines = CriLogFile.ParseAll(unread, out var consumed, final: complete);
                unread = unread[consumed..]; // an incomplete line waits for the rest of it
                foreach (var line in lines) yield return line;
                if (complete) yield break;
                settled = exited;
                await Task.Delay(exited ? ExitSettle : FollowPoll, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            file?.Dispose();
        }
    }

    async Task<bool> HasExitedAsync(string containerId, CancellationToken ct) =>
        await CriCalls.OrDefaultIfNotFoundAsync(() => RawStatusAsync(containerId, ct)).ConfigureAwait(false)
            is not { } status || status.Status.State == V1.ContainerState.ContainerExited;

    static StreamReader? OpenShared(string path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        try
        {
            return new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // not created yet, or already removed
        }
    }

    static async Task<string> ReadTextAsync(string path, CancellationToken ct)
    {
        using var file = OpenShared(path);
        return file is null ? "" : await file.ReadToEndAsync(ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// containerd 1.6 has no GetContainerEvents, so this relists like kubelet's generic PLEG: every
    /// <see cref="CriRuntimeOptions.RelistPeriod"/>, each container whose state changed yields an event.
    /// </remarks>
    public async IAsyncEnumerable<ContainerEvent> GetContainerEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var known = new Dictionary<string, V1.ContainerState>();
        using var timer = new PeriodicTimer(_options.RelistPeriod);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<V1.Container> containers;
            try
            {
                containers = await ListAsync(null, cancellationToken).ConfigureAwait(false);
            }
            catch (ContainerRuntimeException)
            {
                continue; // the runtime is restarting or gone; the next relist tries again
            }
            var now = DateTimeOffset.UtcNow;
            foreach (var c in containers)
            {
                var before = known.TryGetValue(c.Id, out var state) ? state : (V1.ContainerState?)null;
                known[c.Id] = c.State;
                if (before == c.State) continue;
                var type = c.State switch
                {
                    V1.ContainerState.ContainerCreated => ContainerEventType.Created,
                    V1.ContainerState.ContainerRunning => ContainerEventType.Started,
                    _ => ContainerEventType.Stopped,
                };
                yield return new ContainerEvent(c.Id, c.PodSandboxId, type, now);
            }
            foreach (var gone in known.Keys.Except(containers.Select(c => c.Id)).ToList())
            {
                known.Remove(gone);
                yield return new ContainerEvent(gone, "", ContainerEventType.Deleted, now);
            }
        }
    }
}
