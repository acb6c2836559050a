namespace PodLife.Store;

/// <summary>
/// A versioned key-value store with etcd's semantics: one global, increasing revision;
/// compare-and-swap writes; watch from any revision still in the history; compaction.
/// </summary>
/// <remarks>
/// Keys follow kube-apiserver's layout (<c>/registry/pods/&lt;namespace&gt;/&lt;name&gt;</c>).
/// Every write returns the stored <see cref="KeyValue"/> whose <see cref="KeyValue.ModRevision"/>
/// is the new revision; that revision is the object's resourceVersion.
/// Failures are the exceptions in <c>StoreExceptions.cs</c>.
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>The revision of the newest write (0 for an empty store).</summary>
    ValueTask<long> CurrentRevisionAsync(CancellationToken ct = default);

    /// <summary>The live value of <paramref name="key"/>, or null.</summary>
    ValueTask<KeyValue?> GetAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Keys under <paramref name="prefix"/> in key order, as of one consistent revision.
    /// Paging: pass back <see cref="ListResult.Continue"/> and <see cref="ListResult.Revision"/>
    /// in <see cref="ListOptions"/> to read the next page of the same snapshot.
    /// Throws <see cref="CompactedException"/> when the requested revision is compacted away.
    /// </summary>
    ValueTask<ListResult> ListAsync(string prefix, ListOptions options, CancellationToken ct = default);

    /// <summary>Creates <paramref name="key"/>; throws <see cref="KeyExistsException"/> if it is live.</summary>
    ValueTask<KeyValue> CreateAsync(string key, byte[] value, CancellationToken ct = default);

    /// <summary>
    /// Replaces the value if the key's ModRevision equals <paramref name="expectedRevision"/>
    /// (0 = unconditionally). Throws <see cref="KeyNotFoundInStoreException"/> or <see cref="ConflictException"/>.
    /// </summary>
    ValueTask<KeyValue> UpdateAsync(string key, byte[] value, long expectedRevision, CancellationToken ct = default);

    /// <summary>
    /// Deletes the key if its ModRevision equals <paramref name="expectedRevision"/> (0 = unconditionally).
    /// Returns the deleted value with <see cref="KeyValue.ModRevision"/> set to the deletion's revision.
    /// </summary>
    ValueTask<KeyValue> DeleteAsync(string key, long expectedRevision, CancellationToken ct = default);

    /// <summary>
    /// One atomic transaction of several writes to distinct keys: all are applied (one commit, one fsync) or none.
    /// If any write's condition fails, nothing is written and that write's exception is thrown (the first failing one in
    /// order). Returns each write's result as the single-key call would. The writes get the same revision (etcd) or
    /// consecutive revisions in the given order (SQLite, memory); watchers see their events in that order.
    /// </summary>
    ValueTask<IReadOnlyList<KeyValue>> WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken ct = default);

    /// <summary>
    /// Every change under <paramref name="prefix"/> with revision greater than <paramref name="afterRevision"/>,
    /// in revision order, without gaps, until cancelled. Enumeration throws <see cref="CompactedException"/>
    /// when <paramref name="afterRevision"/> is older than the compaction point.
    /// </summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default);

    /// <summary>Forgets history up to and including <paramref name="revision"/>; live values stay.</summary>
    ValueTask CompactAsync(long revision, CancellationToken ct = default);
}
