namespace PodLife.Store.Sqlite;

enum WriteKind { Write, Compact }

/// <summary>One pending transaction (or compaction) for the writer loop; its task completes once it is durable (or failed).</summary>
sealed class WriteOp
{
    WriteOp(WriteKind kind, IReadOnlyList<StoreWrite> writes, long target) => (Kind, Writes, Target) = (kind, writes, target);

    /// <summary>The writes of one transaction, applied all or none.</summary>
    public static WriteOp Of(IReadOnlyList<StoreWrite> writes) => new(WriteKind.Write, writes, 0);

    /// <summary>A compaction up to <paramref name="target"/>.</summary>
    public static WriteOp Compact(long target) => new(WriteKind.Compact, [], target);

    public WriteKind Kind { get; }
    public IReadOnlyList<StoreWrite> Writes { get; }
    /// <summary>The target revision of a compaction.</summary>
    public long Target { get; }
    public TaskCompletionSource<IReadOnlyList<KeyValue>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The changes this transaction made inside the open database transaction, published after commit.</summary>
    public WatchEvent[]? Events { get; set; }
    /// <summary>Why the transaction was refused (a conflict, not a storage failure); nothing of it was written.</summary>
    public StoreException? Refusal { get; set; }
}
