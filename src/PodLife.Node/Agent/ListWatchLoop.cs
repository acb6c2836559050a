using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;

namespace PodLife.Node.Agent;

/// <summary>
/// A node's reflector loop (client-go's ListAndWatch): list, watch from the list's resourceVersion, and list again when
/// the watch ends: at once when it fell behind compaction (410), else after a back-off (<see cref="WatchRetry"/>).
/// </summary>
public static class ListWatchLoop
{
    /// <param name="what">Names the watch in warnings, e.g. "pod watch (all pods)".</param>
    /// <param name="list">Lists and hands on everything; returns the resourceVersion to watch from.</param>
    /// <param name="watch">Watches from a resourceVersion until the watch ends.</param>
    public static async Task RunAsync(string what, Func<CancellationToken, Task<string>> list, Func<string, CancellationToken, Task> watch,
        ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(watch);
        ArgumentNullException.ThrowIfNull(logger);
        var retry = WatchRetry.Initial;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var resourceVersion = await list(ct).ConfigureAwait(false);
                retry = WatchRetry.Initial;
                await watch(resourceVersion, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is KubernetesException { Status.Code: 410 } or HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Gone })
            {
                // The watch (or a list's continue token) fell behind compaction: list again at once; nothing failed.
                retry = WatchRetry.Initial;
            }
            catch (Exception e)
            {
                logger.LogWarning("{What} failed ({Error}); listing again in {Delay}", what, e.Message, retry);
                await Task.Delay(retry, ct).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false); // cancelled: the loop ends
                retry = WatchRetry.Next(retry);
            }
        }
    }
}
