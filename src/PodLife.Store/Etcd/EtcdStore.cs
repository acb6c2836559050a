using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using static Etcdserverpb.Compare.Types;

namespace PodLife.Store.Etcd;

/// <summary>
/// The store on a real etcd v3 cluster (through dotnet-etcd over gRPC): transactions for create and
/// compare-and-swap, etcd's own revisions and native watch, and etcd compaction. Every key lives
/// under a namespace prefix so that several clusters or tests can share one etcd.
/// </summary>
public sealed class EtcdStore : IStore
{
    readonly GrpcChannel _channel;
    readonly EtcdClient _client;
    readonly Watch.WatchClient _watch;
    readonly EtcdKeys _keys;
    readonly HistoryRetention.Planner? _history;
    long _compactedUpTo;

    /// <summary>
    /// Connects to <paramref name="endpoints"/> (http://host:port); keys are stored under <paramref name="keyPrefix"/>.
    /// With a <paramref name="history"/> retention, writes trigger compaction of older history.
    /// </summary>
    public EtcdStore(IReadOnlyList<string> endpoints, string keyPrefix = "", HistoryRetention? history = null, TimeProvider? clock = null)
    {
        _history = history?.Plan(clock ?? TimeProvider.System);
        _channel = EtcdChannel.Create(endpoints);
        _client = new EtcdClient(_channel.CreateCallInvoker());
        _watch = new Watch.WatchClient(_channel);
        _keys = new EtcdKeys(keyPrefix);
    }

    public async ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) =>
        (await Range(new RangeRequest { Key = _keys.Key(""), CountOnly = true }, ct)).Header.Revision;

    public async ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default)
    {
        var r = await Range(new RangeRequest { Key = _keys.Key(key) }, ct);
        return r.Kvs.Count == 0 ? null : _keys.ToKeyValue(r.Kvs[0]);
    }

    public async ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default)
    {
        var request = new RangeRequest
        {
            Key = options.Continue is null ? _keys.Key(prefix) : _keys.After(options.Continue),
            RangeEnd = _keys.RangeEnd(prefix),
            Limit = options.Limit,
            Revision = options.Revision,
        };
        var r = await Range(request, ct);
        var items = r.Kvs.Select(_keys.ToKeyValue).ToList();
        var remaining = r.Count - items.Count;
        var revision = options.Revision == 0 ? r.Header.Revision : options.Revision;
        return new ListResult(items, revision, remaining > 0 ? items[^1].Key : null, remaining);
    }

    async Task<RangeResponse> Range(RangeRequest request, CancellationToken ct)
    {
        try { return await EtcdRetry.RunAsync(() => _client.GetAsync(request, cancellationToken: ct), ct); }
        catch (RpcException ex) when (EtcdRetry.IsCompacted(ex))
        {
            var compacted = await EtcdWatch.CompactedRevisionAsync(_watch, _keys, ct);
            throw new CompactedException(request.Revision, compacted ?? request.Revision);
        }
    }

    public async ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default)
    {
        var k = _keys.Key(key);
        var r = await Txn(new Compare { Key = k, Target = CompareTarget.Create, Result = CompareResult.Equal, CreateRevision = 0 },
            new RequestOp { RequestPut = new PutRequest { Key = k, Value = ByteString.CopyFrom(value) } }, k, ct);
        if (!r.Succeeded) throw new KeyExistsException(key);
        return new KeyValue(key, value, r.Header.Revision, r.Header.Revision);
    }

    public async ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default)
    {
        var k = _keys.Key(key);
        var r = await Txn(Expect(k, expectedRevision),
            new RequestOp { RequestPut = new PutRequest { Key = k, Value = ByteString.CopyFrom(value), PrevKv = true } }, k, ct);
        if (!r.Succeeded) throw Refusal(key, expectedRevision, r);
        return new KeyValue(key, value, r.Responses[0].ResponsePut.PrevKv.CreateRevision, r.Header.Revision);
    }

    public async ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default)
    {
        var k = _keys.Key(key);
        var r = await Txn(Expect(k, expectedRevision),
            new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = k, PrevKv = true } }, k, ct);
        if (!r.Succeeded) throw Refusal(key, expectedRevision, r);
        return _keys.ToKeyValue(r.Responses[0].ResponseDeleteRange.PrevKvs[0]) with { ModRevision = r.Header.Revision };
    }

    public async ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default)
    {
        StoreWrite.CheckTransaction(writes);
        var txn = new TxnRequest();
        foreach (var w in writes)
        {
            var k = _keys.Key(w.Key);
            txn.Compare.Add(w.Kind == StoreWriteKind.Create
                ? new Compare { Key = k, Target = CompareTarget.Create, Result = CompareResult.Equal, CreateRevision = 0 }
                : Expect(k, w.ExpectedRevision));
            txn.Success.Add(w.Kind == StoreWriteKind.Delete
                ? new RequestOp { RequestDeleteRange = new DeleteRangeRequest { Key = k, PrevKv = true } }
                : new RequestOp { RequestPut = new PutRequest { Key = k, Value = ByteString.CopyFrom(w.Value), PrevKv = w.Kind == StoreWriteKind.Update } });
            txn.Failure.Add(new RequestOp { RequestRange = new RangeRequest { Key = k } });
        }
        var r = await EtcdRetry.RunAsync(async () => AutoCompact(await _client.TransactionAsync(txn, cancellationToken: ct)), ct);
        if (!r.Succeeded) throw FirstRefusal(writes, r);
        // One etcd transaction is one revision for all its writes.
        var revision = r.Header.Revision;
        var results = new KeyValue[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            results[i] = w.Kind switch
            {
                StoreWriteKind.Create => new KeyValue(w.Key, w.Value, revision, revision),
                StoreWriteKind.Update => new KeyValue(w.Key, w.Value, r.Responses[i].ResponsePut.PrevKv.CreateRevision, revision),
                _ => _keys.ToKeyValue(r.Responses[i].ResponseDeleteRange.PrevKvs[0]) with { ModRevision = revision },
            };
        }
        return results;
    }

    // The failure branch read every key: the first write whose condition does not hold is the one to report.
    StoreException FirstRefusal(IReadOnlyList<StoreWrite> writes, TxnResponse r)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            var w = writes[i];
            var kvs = r.Responses[i].ResponseRange.Kvs;
            var current = kvs.Count == 0 ? null : _keys.ToKeyValue(kvs[0]);
            if (w.Kind == StoreWriteKind.Create && current is not null) return new KeyExistsException(w.Key);
            if (w.Kind != StoreWriteKind.Create && current is null) return new KeyNotFoundInStoreException(w.Key);
            if (current is not null && w.ExpectedRevision != 0 && current.ModRevision != w.ExpectedRevision)
                return new ConflictException(w.Key, w.ExpectedRevision, current);
        }
        // Not reached: the failure branch reads at the revision the compares failed at. Reported as a conflict all the same.
        var first = writes[0];
        var kv = r.Responses[0].ResponseRange.Kvs is { Count: > 0 } k ? _keys.ToKeyValue(k[0]) : new KeyValue(first.Key, [], 0, 0);
        return new ConflictException(first.Key, first.ExpectedRevision, kv);
    }

    // The key must be live, and at the expected revision unless that is 0.
    static Compare Expect(ByteString key, long expectedRevision) => expectedRevision == 0
        ? new Compare { Key = key, Target = CompareTarget.Create, Result = CompareResult.Greater, CreateRevision = 0 }
        : new Compare { Key = key, Target = CompareTarget.Mod, Result = CompareResult.Equal, ModRevision = expectedRevision };

    // When the compare fails, the failure branch reads the key: absent means not found, else a conflict.
    StoreException Refusal(string key, long expectedRevision, TxnResponse r)
    {
        var current = r.Responses[0].ResponseRange.Kvs;
        return current.Count == 0 ? new KeyNotFoundInStoreException(key) : new ConflictException(key, expectedRevision, _keys.ToKeyValue(current[0]));
    }

    Task<TxnResponse> Txn(Compare compare, RequestOp success, ByteString key, CancellationToken ct)
    {
        var txn = new TxnRequest { Compare = { compare }, Success = { success }, Failure = { new RequestOp { RequestRange = new RangeRequest { Key = key } } } };
        return EtcdRetry.RunAsync(async () => AutoCompact(await _client.TransactionAsync(txn, cancellationToken: ct)), ct);
    }

    // Like etcd's revision auto-compaction: once the history is well past the window, compact it in the background.
    // Several API servers sharing the etcd may all do this; a compaction that another already did is a no-op.
    TxnResponse AutoCompact(TxnResponse r)
    {
        if (_history is null) return r;
        long target;
        lock (_history) target = _history.Target(r.Header.Revision, _compactedUpTo);
        var last = Interlocked.Read(ref _compactedUpTo);
        if (target > last && Interlocked.CompareExchange(ref _compactedUpTo, target, last) == last)
            _ = CompactAsync(target).AsTask().ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        return r;
    }

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default) =>
        EtcdWatch.FollowAsync(_watch, _keys, prefix, afterRevision, ct);

    public async ValueTask CompactAsync(long revision, CancellationToken ct = default)
    {
        var target = Math.Min(revision, await CurrentRevisionAsync(ct));
        try { await EtcdRetry.RunAsync(() => _client.CompactAsync(new CompactionRequest { Revision = target }, cancellationToken: ct), ct); }
        catch (RpcException ex) when (EtcdRetry.IsCompacted(ex)) { } // already compacted at or beyond the target
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
