namespace PodLife.Store;

/// <summary>One page of a list, the snapshot revision it was read at, and where the next page starts.</summary>
/// <param name="Items">A list made for this call: the caller's to keep or to <see cref="Release"/>.</param>
/// <param name="Continue">The last key of this page when more items follow, else null.</param>
/// <param name="RemainingItemCount">How many items follow this page (0 when none); null when not counted (<see cref="ListOptions.CountRemaining"/>).</param>
public sealed record ListResult(List<KeyValue> Items, long Revision, string? Continue, long? RemainingItemCount)
{
    /// <summary>
    /// Lets go of the items once they are used. The array of a page of more than ~10,000 items lies on the large object
    /// heap, which only a full collection frees; until one, the items it points to would survive every young
    /// collection as if alive.
    /// </summary>
    public void Release() => Items.Clear();
}
