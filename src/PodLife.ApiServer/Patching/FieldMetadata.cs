namespace PodLife.ApiServer.Patching;

/// <summary>
/// What Kubernetes declares about one field with its <c>+patchStrategy</c>, <c>+patchMergeKey</c>,
/// <c>+listType</c> and <c>+listMapKey</c> markers.
/// </summary>
/// <param name="PatchStrategy">"merge", "merge,retainKeys", "retainKeys" or null (replace).</param>
/// <param name="PatchMergeKey">The key that identifies list elements in a strategic merge.</param>
/// <param name="ListType">"atomic", "set" or "map".</param>
/// <param name="ListMapKeys">The keys of a <c>map</c> list.</param>
public sealed record FieldMetadata(
    string? PatchStrategy = null,
    string? PatchMergeKey = null,
    string? ListType = null,
    IReadOnlyList<string>? ListMapKeys = null)
{
    /// <summary>A list that strategic merge patch merges (rather than replaces).</summary>
    public bool MergesList => PatchStrategy?.Split(',').Contains("merge") == true;

    /// <summary>A field whose <c>$retainKeys</c> directive clears the keys it does not list.</summary>
    public bool RetainsKeys => PatchStrategy?.Split(',').Contains("retainKeys") == true;

    /// <summary>A list replaced as a whole by every kind of merge.</summary>
    public static readonly FieldMetadata Atomic = new(ListType: "atomic");

    /// <summary>A list of maps merged by one key (the common case: containers by name, ...).</summary>
    public static FieldMetadata MapBy(string key, string strategy = "merge") => new(strategy, key, "map", [key]);
}
