namespace PodLife.Core.Client;

/// <summary>
/// Equality of two string maps of the model (labels, annotations, node selectors), as a watcher compares an object's old
/// and new versions: without serializing anything, and a null map equal to an empty one, as in the JSON.
/// </summary>
public static class StringMaps
{
    public static bool Same(IDictionary<string, string>? a, IDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if ((a?.Count ?? 0) != (b?.Count ?? 0)) return false;
        if (a is null || b is null) return true; // both empty
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || other != value) return false;
        return true;
    }
}
