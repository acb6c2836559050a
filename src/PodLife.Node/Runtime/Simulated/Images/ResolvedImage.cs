using System.Security.Cryptography;
using System.Text;

namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>An image reference the catalog has: the catalog entry and the names and digests it is known by.</summary>
internal sealed record ResolvedImage(CatalogImage Image, ImageName Name)
{
    /// <summary>The manifest digest, derived from the name so that it is stable across runs.</summary>
    public string Digest => Name.Digest ?? "sha256:" + Hash("manifest " + Name);

    /// <summary>The image id (config digest).</summary>
    public string Id => "sha256:" + Hash("config " + Image.Repository + "@" + Digest);

    /// <summary>The digest reference kubelet shows as imageID: <c>docker.io/library/nginx@sha256:…</c>.</summary>
    public string RepoDigest => Image.Repository + "@" + Digest;

    public Processes.Userland Userland =>
        Image.Userland == "busybox" || (Name.Tag ?? "").Contains("alpine", StringComparison.Ordinal)
            ? Processes.Userland.Busybox
            : Processes.Userland.Gnu;

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
