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

    public static string For(string? image) =>
        ImageReference.TryParse(image, out var reference, out _) && reference.Tag == "latest" ? Always : IfNotPresent;
}
