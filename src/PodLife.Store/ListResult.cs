namespace PodLife.Store;

/// <summary>One page of a list, the snapshot revision it was read at, and where the next page starts.</summary>
/// <param name="Continue">The last key of this page when more items follow, else null.</param>
/// <param name="RemainingItemCount">How many items follow this page (0 when none); null when not counted (<see cref="ListOptions.CountRemaining"/>).</param>
public sealed record ListResult(IReadOnlyList<KeyValue> Items, long Revision, string? Continue, long? RemainingItemCount);
