namespace PodLife.Bench;

/// <summary>What `podlife bench store` measures, and how much.</summary>
/// <param name="DataDir">Where the SQLite files go (a fresh subdirectory per measurement, deleted afterwards).</param>
/// <param name="Operations">Writes per throughput measurement.</param>
/// <param name="EtcdEndpoints">etcd to measure too (http://host:port); none = SQLite only.</param>
public sealed record StoreBenchmarkOptions(string DataDir, int Operations = 2_000, IReadOnlyList<string>? EtcdEndpoints = null);
