namespace PodLife.Store;

/// <summary>How to read a list: page size, where to continue, and which snapshot.</summary>
/// <param name="Limit">Maximum items (0 = all).</param>
/// <param name="Continue">Start strictly after this key (from a previous page), or null.</param>
/// <param name="Revision">Read as of this revision (0 = the current one).</param>
public sealed record ListOptions(int Limit = 0, string? Continue = null, long Revision = 0)
{
    public static readonly ListOptions All = new();
}
