using System.Runtime.CompilerServices;
using Etcdserverpb;
using Grpc.Core;

namespace PodLife.Store.Etcd;

/// <summary>
/// etcd's native watch as a store watch: one gRPC watch stream from a revision, with previous values;
/// when the member serving the stream goes away it resumes on another member after the last revision seen.
/// </summary>
static class EtcdWatch
{
    public static async IAsyncEnumerable<WatchEvent> FollowAsync(
        Watch.WatchClient client, EtcdKeys keys, string prefix, long after, [EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            using var call = client.Watch(cancellationToken: ct);
            var create = new WatchCreateRequest { Key = keys.Key(prefix), RangeEnd = keys.RangeEnd(prefix), StartRevision = after + 1, PrevKv = true };
            var broken = false;
            try { await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = create }, ct); }
            catch (RpcException ex) when (EtcdRetry.IsTransient(ex)) { broken = true; }

            var responses = call.ResponseStream;
            while (!broken)
            {
                try
                {
                    if (!await responses.MoveNext(ct)) break;
                }
                catch (RpcException ex) when (EtcdRetry.IsTransient(ex)) { break; }
                var r = responses.Current;
                if (r.CompactRevision > 0) throw new CompactedException(after, r.CompactRevision);
                if (r.Canceled) throw new StoreUnavailableException($"etcd store: watch on {prefix} cancelled: {r.CancelReason}");
                foreach (var e in r.Events)
                {
                    yield return ToWatchEvent(keys, e);
                    after = e.Kv.ModRevision;
                }
            }
            ct.ThrowIfCancellationRequested();
            await Task.Delay(100, ct); // the stream broke: resume after the last revision delivered
        }
    }

    /// <summary>
    /// The revision etcd has compacted up to, or null when it cannot tell within a second. etcd's range error does
    /// not carry it, but a watch from revision 1 is answered with the compaction revision.
    /// </summary>
    public static async Task<long?> CompactedRevisionAsync(Watch.WatchClient client, EtcdKeys keys, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var call = client.Watch(cancellationToken: timeout.Token);
            var probe = new WatchCreateRequest { Key = keys.Key("/compaction-probe"), StartRevision = 1 };
            await call.RequestStream.WriteAsync(new WatchRequest { CreateRequest = probe }, timeout.Token);
            while (await call.ResponseStream.MoveNext(timeout.Token))
                if (call.ResponseStream.Current.CompactRevision > 0) return call.ResponseStream.Current.CompactRevision;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException && !ct.IsCancellationRequested) { }
        return null;
    }

    static WatchEvent ToWatchEvent(EtcdKeys keys, Mvccpb.Event e)
    {
        var previous = e.PrevKv is null ? null : keys.ToKeyValue(e.PrevKv);
        if (e.Type == Mvccpb.Event.Types.EventType.Delete)
        {
            var last = previous ?? keys.ToKeyValue(e.Kv);
            return new WatchEvent(WatchEventType.Deleted, last with { ModRevision = e.Kv.ModRevision }, previous);
        }
        var kv = keys.ToKeyValue(e.Kv);
        return kv.CreateRevision == kv.ModRevision
            ? new WatchEvent(WatchEventType.Added, kv, null)
            : new WatchEvent(WatchEventType.Modified, kv, previous);
    }
}
