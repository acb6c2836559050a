namespace PodLife.Store;

/// <summary>What one write of a transaction does to its key.</summary>
public enum StoreWriteKind { Create, Update, Delete }

/// <summary>
/// One write of a multi-key transaction (<see cref="IStore.WriteAsync"/>), with the same condition as the single-key call:
/// Create needs the key absent; Update and Delete need it live, at <see cref="ExpectedRevision"/> unless that is 0.
/// </summary>
public sealed record StoreWrite(StoreWriteKind Kind, string Key, byte[] Value, long ExpectedRevision)
{
    public static StoreWrite Create(string key, byte[] value) => new(StoreWriteKind.Create, key, value, 0);
    public static StoreWrite Update(string key, byte[] value, long expectedRevision) => new(StoreWriteKind.Update, key, value, expectedRevision);
    public static StoreWrite Delete(string key, long expectedRevision) => new(StoreWriteKind.Delete, key, [], expectedRevision);

    /// <summary>Checks that a transaction is not empty and names each key once (etcd refuses a key twice in one Txn).</summary>
    public static void CheckTransaction(IReadOnlyList<StoreWrite> writes)
    {
        if (writes.Count == 0) throw new ArgumentException("a transaction needs at least one write", nameof(writes));
        // Most transactions are one or two writes (an object and its pod's timeline): compared pairwise, without a set.
        if (writes.Count <= 8)
        {
            for (var i = 1; i < writes.Count; i++)
                for (var j = 0; j < i; j++)
                    if (string.Equals(writes[i].Key, writes[j].Key, StringComparison.Ordinal)) throw WrittenTwice(writes[i].Key, nameof(writes));
            return;
        }
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in writes)
            if (!keys.Add(w.Key)) throw WrittenTwice(w.Key, nameof(writes));
    }

    static ArgumentException WrittenTwice(string key, string parameter) => new($"key {key} is written twice in one transaction", parameter);
}
