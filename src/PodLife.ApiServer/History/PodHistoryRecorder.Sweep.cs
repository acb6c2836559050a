using System.Text.Json.Nodes;
using PodLife.Core.History;
using PodLife.Store;

namespace PodLife.ApiServer.History;

public sealed partial class PodHistoryRecorder
{
    /// <summary>Deletes the timelines of pods deleted longer than the retention ago; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var page = await store.ListAsync(Timelines.KeyPrefix(""), ListOptions.All, ct);
        var deleted = 0;
        foreach (var kv in page.Items)
        {
            var timeline = PodTimelineJson.FromJson(JsonNode.Parse(kv.Value)!.AsObject());
            if (!timeline.Expired(now, options.Retention)) continue;
            var gate = _locks[(kv.Key.GetHashCode() & int.MaxValue) % _locks.Length];
            await gate.WaitAsync(ct);
            try
            {
                await store.DeleteAsync(kv.Key, kv.ModRevision, ct);
                deleted++;
            }
            catch (StoreException e) when (e is ConflictException or KeyNotFoundInStoreException)
            {
                // Written or removed since the list: the next sweep looks again.
            }
            finally
            {
                Forget(kv.Key);
                gate.Release();
            }
        }
        return deleted;
    }

    /// <summary>Sweeps every <see cref="HistoryOptions.SweepInterval"/> until cancelled.</summary>
    public async Task RunSweepsAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try { await SweepAsync(ct); }
                catch (StoreException) { }
            }
        }
        catch (OperationCanceledException) { }
    }
}
