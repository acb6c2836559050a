namespace PodLife.Store;

/// <summary>Where the store keeps its data.</summary>
public enum StoreBackend
{
    /// <summary>One SQLite file under the data directory (the default).</summary>
    Sqlite,
    /// <summary>An etcd v3 cluster, for API servers on several machines.</summary>
    Etcd,
    /// <summary>In process, lost on exit: for tests.</summary>
    Memory,
}
