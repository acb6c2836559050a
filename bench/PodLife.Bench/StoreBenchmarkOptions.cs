namespace PodLife.Bench;

/// <summary>What `podlife bench store` measures, and how much.</summary>
/// <param name="DataDir">Where the SQLite files go (a fresh subdirectory per measurement, deleted afterwards).</param>
/// <param name="Operations">
/// Writes per throughput measurement. 2,000 (the default until session 23) measured 64 writers for ~40 ms and the raw
/// batched limit from 31 transactions: group commit had no steady state yet, and a single stall moved either figure.
/// </param>
/// <param name="EtcdEndpoints">etcd to measure too (http://host:port); none = SQLite only.</param>
public sealed record StoreBenchmarkOptions(string DataDir, int Operations = StoreBenchmarkOptions.DefaultOperations, IReadOnlyList<string>? EtcdEndpoints = null)
{
    public const int DefaultOperations = 20_000;
}
