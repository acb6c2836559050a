namespace PodLife.Store;

/// <summary>Base of every store failure the API server turns into a Kubernetes Status.</summary>
public abstract class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Create of a key that is already live (HTTP 409 AlreadyExists).</summary>
public sealed class KeyExistsException(string key) : StoreException($"key {key} already exists")
{
    public string Key { get; } = key;
}

/// <summary>Update or delete of a key that is not live (HTTP 404 NotFound).</summary>
public sealed class KeyNotFoundInStoreException(string key) : StoreException($"key {key} not found")
{
    public string Key { get; } = key;
}

/// <summary>Compare-and-swap failed: the key changed since the expected revision (HTTP 409 Conflict).</summary>
public sealed class ConflictException(string key, long expectedRevision, KeyValue current)
    : StoreException($"key {key} is at revision {current.ModRevision}, not {expectedRevision}")
{
    public string Key { get; } = key;
    public KeyValue Current { get; } = current;
}

/// <summary>The requested revision is older than the compaction point (HTTP 410 Gone).</summary>
public sealed class CompactedException(long requestedRevision, long compactedRevision)
    : StoreException($"required revision {requestedRevision} has been compacted (compacted up to {compactedRevision})")
{
    public long RequestedRevision { get; } = requestedRevision;
    public long CompactedRevision { get; } = compactedRevision;
}

/// <summary>The store cannot be opened or written (bad file, read-only directory, full disk).</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : StoreException(message, inner);
