using System.Security.Cryptography;
using System.Text;
using PodLife.Node.Runtime.Simulated.Images;

namespace PodLife.Node.Tests.Runtime;

// Image names are remembered per reference and a resolved image's names are computed once: the answers must be the
// ones computed afresh.
public class ImageNameMemoTests
{
    [Theory]
    [InlineData("nginx")]
    [InlineData("registry.k8s.io/pause:3.10")]
    [InlineData("nginx@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    [InlineData("Nginx")]
    [InlineData("")]
    public void ARememberedNameIsTheSameAsTheFirst(string reference)
    {
        var first = Parse(reference);
        Assert.Equal(first, Parse(reference));
        for (var i = 0; i < 5000; i++) Assert.True(ImageName.TryParse($"img{i}:v1", out _, out _));
        Assert.Equal(first, Parse(reference));
    }

    [Theory]
    [InlineData("nginx:1.27", "docker.io/library/nginx:1.27")]
    [InlineData("nginx@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c",
        "docker.io/library/nginx@sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c")]
    public void AResolvedImagesNamesAreItsNamesDigests(string reference, string fullName)
    {
        Assert.True(ImageName.TryParse(reference, out var name, out _));
        var image = new ResolvedImage(new CatalogImage { Repository = "docker.io/library/nginx" }, name);
        var digest = name.Digest ?? "sha256:" + Sha("manifest " + fullName);
        Assert.Equal(fullName, image.FullName);
        Assert.Equal(digest, image.Digest);
        Assert.Equal("docker.io/library/nginx@" + digest, image.RepoDigest);
        Assert.Equal("sha256:" + Sha("config docker.io/library/nginx@" + digest), image.Id);
        Assert.Equal(image, new ResolvedImage(image.Image, name));
    }

    static (bool, ImageName, string) Parse(string reference)
    {
        var ok = ImageName.TryParse(reference, out var name, out var error);
        return (ok, name, error);
    }

    static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
