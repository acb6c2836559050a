namespace PodLife.Scheduler.Api;

/// <summary>A list response: the items and the resourceVersion to watch from.</summary>
public sealed record Listed<T>(IReadOnlyList<T> Items, string ResourceVersion);
