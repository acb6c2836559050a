namespace PodLife.Store.Sqlite;

enum WriteKind { Create, Update, Delete, Compact }

/// <summary>One pending write for the writer loop; its task completes once the write is durable (or failed).</summary>
sealed class WriteOp(WriteKind kind, string key, byte[] value, long expected)
{
    public WriteKind Kind { get; } = kind;
    public string Key { get; } = key;
    public byte[] Value { get; } = value;
    /// <summary>The expected ModRevision for update/delete, or the target revision for compact.</summary>
    public long Expected { get; } = expected;
    public TaskCompletionSource<KeyValue> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The change this write made inside the open transaction, published after commit.</summary>
    public WatchEvent? Event { get; set; }
    /// <summary>Why the write was refused (a conflict, not a storage failure); nothing was written.</summary>
    public StoreException? Refusal { get; set; }
}
