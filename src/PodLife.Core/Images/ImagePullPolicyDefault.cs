namespace PodLife.Core.Images;

/// <summary>The imagePullPolicy the API server fills in when a container leaves it empty.</summary>
/// <remarks>pkg/apis/core/v1/defaults.go SetDefaults_Container: "Always" when ParseImageName's tag is "latest"
/// (written, or defaulted because there is neither tag nor digest), else "IfNotPresent"; an image that does not
/// parse yields no tag, so "IfNotPresent".</remarks>
public static class ImagePullPolicyDefault
{
    public const string Always = "Always";
    public const string IfNotPresent = "IfNotPresent";
    public const string Never = "Never";

    // Parsing an image runs the reference grammar's regular expressions, a large part of a pod create's CPU time;
    // a cluster uses few distinct images, so the answers are remembered (bounded: cleared when full).
    const int MemoLimit = 4096;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Memo = new(StringComparer.Ordinal);

    public static string For(string? image)
    {
        if (image is null) return Parse(image);
        if (Memo.TryGetValue(image, out var policy)) return policy;
        policy = Parse(image);
        if (Memo.Count >= MemoLimit) Memo.Clear();
        Memo[image] = policy;
        return policy;
    }

    static string Parse(string? image) =>
        ImageReference.TryParse(image, out var reference, out _) && reference.Tag == "latest" ? Always : IfNotPresent;
}
