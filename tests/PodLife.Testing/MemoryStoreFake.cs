using PodLife.Store;
using PodLife.Store.Memory;

namespace PodLife.Testing;

/// <summary>
/// The base of hand-written store fakes: every call goes to a <see cref="MemoryStore"/> (<see cref="Inner"/>), and a fake
/// overrides the calls it counts, records or holds back.
/// </summary>
public abstract class MemoryStoreFake : IStore
{
    public MemoryStore Inner { get; } = new();

    public virtual ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default) => Inner.CurrentRevisionAsync(ct);
    public virtual ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default) => Inner.GetAsync(key, ct);
    public virtual ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default) => Inner.ListAsync(prefix, options, ct);
    public virtual ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default) => Inner.CreateAsync(key, value, ct);
    public virtual ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default) =>
        Inner.UpdateAsync(key, value, expectedRevision, ct);
    public virtual ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default) => Inner.DeleteAsync(key, expectedRevision, ct);
    public virtual ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default) => Inner.WriteAsync(writes, ct);
    public virtual IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default) => Inner.WatchAsync(prefix, afterRevision, ct);
    public virtual ValueTask CompactAsync(long revision, CancellationToken ct = default) => Inner.CompactAsync(revision, ct);

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Inner.DisposeAsync();
    }
}
