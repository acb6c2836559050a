using PodLife.Testing;

namespace PodLife.Store.Tests.Support;

/// <summary>A memory store that counts the watches opened on it (a hand-written fake for the watch cache tests).</summary>
public sealed class WatchCountingStore : MemoryStoreFake
{
    int _watches;

    public int Watches => Volatile.Read(ref _watches);

    public override IAsyncEnumerable<WatchEvent> WatchAsync(string prefix, long afterRevision, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _watches);
        return base.WatchAsync(prefix, afterRevision, ct);
    }
}
