using PodLife.Store.Memory;

namespace PodLife.Store.Tests.Support;

/// <summary>A memory store that counts the watches opened on it (a hand-written fake for the watch cache tests).</summary>
public sealed class WatchCountingStore : IStore
{
    readonly MemoryStore _inner = new();
    int _watches;

    public int Watches => Volatile.Read(ref _watches);

    public IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _watches);
        return _inner.WatchAsync(prefix, afterRevision, ct);
    }

    public ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => _inner.CurrentRevisionAsync(ct);
    public ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default) => _inner.GetAsync(key, ct);
    public ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default) => _inner.ListAsync(prefix, options, ct);
    public ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => _inner.CreateAsync(key, value, ct);
    public ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) => _inner.UpdateAsync(key, value, expectedRevision, ct);
    public ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) => _inner.DeleteAsync(key, expectedRevision, ct);
    public ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default) => _inner.WriteAsync(writes, ct);
    public ValueTask CompactAsync(long revision, CancellationToken ct = default) => _inner.CompactAsync(revision, ct);
    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
