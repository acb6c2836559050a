namespace PodLife.Bench;

/// <summary>What `podlife bench api` measures: how many pods to create and list, how many watchers and changes.</summary>
public sealed record ApiBenchmarkOptions(string DataDir, int Pods = 10_000, int Watchers = 100, int WatchEvents = 50, int ListRuns = 10);
