namespace PodLife.Store;

/// <summary>How to read a list: page size, where to continue, and which snapshot.</summary>
/// <param name="Limit">Maximum items (0 = all).</param>
/// <param name="Continue">Start strictly after this key (from a previous page), or null.</param>
/// <param name="Revision">Read as of this revision (0 = the current one).</param>
/// <param name="CountRemaining">
/// Count the items after a full page. Counting walks every one of them, so a caller that knows the count (the later
/// pages of one snapshot: the first page's count minus what came since) or does not need it says false, and the store
/// may then leave <see cref="ListResult.RemainingItemCount"/> null.
/// </param>
public sealed record ListOptions(int Limit = 0, string? Continue = null, long Revision = 0, bool CountRemaining = true)
{
    public static readonly ListOptions All = new();
}
