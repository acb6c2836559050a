namespace PodLife.Store;

/// <summary>One stored value and the revisions that created and last modified it.</summary>
public sealed record KeyValue(string Key, byte[] Value, long CreateRevision, long ModRevision)
{
    /// <summary>
    /// True when <see cref="Value"/> is the very array a write of this process handed to the store (a store that keeps
    /// its recent writes in memory hands those out again), not bytes read back from a file or another server: what this
    /// process encoded itself need not be checked again before it is copied out.
    /// </summary>
    public bool WrittenHere { get; init; }

    // Where the bytes came from is not what is stored: two reads of one value are equal whichever way they came.
    public bool Equals(KeyValue? other) =>
        other is not null && Key == other.Key && Value == other.Value && CreateRevision == other.CreateRevision && ModRevision == other.ModRevision;

    public override int GetHashCode() => HashCode.Combine(Key, Value, CreateRevision, ModRevision);
}
