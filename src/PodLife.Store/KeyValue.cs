namespace PodLife.Store;

/// <summary>One stored value and the revisions that created and last modified it.</summary>
public sealed record KeyValue(string Key, byte[] Value, long CreateRevision, long ModRevision);
