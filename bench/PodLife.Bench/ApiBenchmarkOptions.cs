namespace PodLife.Bench;

/// <summary>
/// What `podlife bench api` measures: how many pods to create and list, how many single-pod GETs and 1,000-pod Table
/// pages to time for throughput, how many watchers and changes.
/// </summary>
public sealed record ApiBenchmarkOptions(string DataDir, int Pods = 10_000, int Watchers = 100, int WatchEvents = 50, int ListRuns = 10,
    int Gets = 10_000, int PageLists = 100);
