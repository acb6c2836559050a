namespace PodLife.Store;

/// <summary>How <see cref="StoreFactory"/> opens a store.</summary>
public sealed record StoreOptions
{
    public StoreBackend Backend { get; init; } = StoreBackend.Sqlite;

    /// <summary>Directory of the SQLite file (<c>podlife.db</c>); created if missing.</summary>
    public string DataDir { get; init; } = "";

    /// <summary>etcd client URLs (http://host:port), for <see cref="StoreBackend.Etcd"/>.</summary>
    public IReadOnlyList<string> EtcdEndpoints { get; init; } = [];

    /// <summary>Prefix put before every key in etcd, so that several clusters can share one etcd.</summary>
    public string EtcdKeyPrefix { get; init; } = "";

    /// <summary>
    /// How many revisions of history stay available for watch resume and old list snapshots;
    /// older history is compacted automatically.
    /// </summary>
    public long HistoryWindow { get; init; } = 10_000;

    /// <summary>
    /// How long history stays available however many revisions are written meanwhile (see <see cref="HistoryRetention"/>);
    /// kube-apiserver's 5 minutes by default, <see cref="TimeSpan.Zero"/> for a count of revisions alone.
    /// </summary>
    public TimeSpan HistoryAge { get; init; } = HistoryRetention.KubernetesAge;

    /// <summary>Put a watch cache in front of the backend (one upstream watch per prefix).</summary>
    public bool WatchCache { get; init; } = true;
}
