using System.Security.Cryptography;
using System.Text;

namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>An image reference the catalog has: the catalog entry and the names and digests it is known by.</summary>
/// <remarks>
/// The derived names are computed once, when the image is resolved (once per pull): a stored image lives as long as the node and every
/// container status reads them (a SHA-256 and a few strings per read otherwise). They are functions of
/// <see cref="Image"/> and <see cref="Name"/> alone, so equality is unchanged; do not copy this record with
/// <c>with</c> (the derived names would be the original's).
/// </remarks>
internal sealed record ResolvedImage(CatalogImage Image, ImageName Name)
{
    /// <summary>The manifest digest, derived from the name so that it is stable across runs.</summary>
    public string Digest { get; } = ManifestDigest(Name);

    /// <summary>The full name as containerd reports it: <c>docker.io/library/nginx:1.27</c>.</summary>
    public string FullName { get; } = Name.ToString();

    /// <summary>The image id (config digest).</summary>
    public string Id { get; } = "sha256:" + Hash("config " + Image.Repository + "@" + ManifestDigest(Name));

    /// <summary>The digest reference kubelet shows as imageID: <c>docker.io/library/nginx@sha256:…</c>.</summary>
    public string RepoDigest { get; } = Image.Repository + "@" + ManifestDigest(Name);

    public Processes.Userland Userland =>
        Image.Userland == "busybox" || (Name.Tag ?? "").Contains("alpine", StringComparison.Ordinal)
            ? Processes.Userland.Busybox
            : Processes.Userland.Gnu;

    static string ManifestDigest(ImageName name) => name.Digest ?? "sha256:" + Hash("manifest " + name);

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
