namespace PodLife.Core.Backoff;

/// <summary>The back-off state of one key (a container, or a pod's image): current delay and last update.</summary>
/// <remarks>client-go util/flowcontrol backoffEntry; the caller keeps one per key and replaces it on each step.</remarks>
public sealed record BackoffEntry(TimeSpan Delay, DateTimeOffset LastUpdate);
