using PodLife.Core.Images;

namespace PodLife.Core.Tests.Images;

// Invalid names from distribution/reference normalize_test.go (TestValidateReferenceName, TestValidateRemoteName),
// with the errors of reference.go / normalize.go / go-digest, wrapped as kubelet's image manager does
// (applyDefaultImageTag: "Failed to apply default image tag %q: couldn't parse image name %q: <err>").
public class InvalidImageNameTests
{
    const string Hex64 = "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a";

    [Theory]
    [InlineData("https://github.com/docker/docker", "invalid reference format")]
    [InlineData("docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase")]
    [InlineData("-docker", "invalid reference format")]
    [InlineData("-docker/docker", "invalid reference format")]
    [InlineData("-docker.io/docker/docker", "invalid reference format")]
    [InlineData("docker///docker", "invalid reference format")]
    [InlineData("docker.io/docker/Docker", "invalid reference format: repository name (docker/Docker) must be lowercase")]
    [InlineData("[fc00::1]", "invalid reference format")]
    [InlineData("[fc00::1]:5000", "invalid reference format")]
    [InlineData("fc00::1:5000/debian", "invalid reference format")]
    [InlineData("[fe80::1%eth0]:5000/debian", "invalid reference format")]
    [InlineData(Hex64, "invalid repository name (" + Hex64 + "), cannot specify 64-byte hexadecimal strings")]
    [InlineData("docker-/docker", "invalid reference format")]
    [InlineData("____/____", "invalid reference format")]
    [InlineData("dock..er/docker", "invalid reference format")]
    [InlineData("docker/", "invalid reference format")]
    [InlineData("", "invalid reference format")]
    [InlineData("nginx ", "invalid reference format")]
    [InlineData("nginx@sha256:abc", "invalid reference format")]
    [InlineData("nginx@sha256:1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f", "invalid checksum digest length")]
    [InlineData("nginx@md5:1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d", "unsupported digest algorithm")]
    [InlineData("nginx@sha256:1A3F5E7D9C1B3A5F7E9D1C3B5A7F9E1D3C5B7A9F1E3D5D7C9B1A3F5E7D9C1B3A", "invalid checksum digest format")]
    [InlineData("nginx@SHA256:" + Hex64, "invalid reference format: repository name (library/nginx@SHA256) must be lowercase")]
    public void RejectsWhatDistributionReferenceRejects(string image, string parseError)
    {
        Assert.False(ImageReference.TryParse(image, out var reference, out var error));
        Assert.Null(reference);
        Assert.Equal($"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": {parseError}", error);
    }

    [Fact]
    public void TheMessageMatchesAKubeletEventSeenOnARealCluster() =>
        // A kubelet waiting message for image "ACTOKEY" quoted verbatim in the Acto project's alarm inspection notes.
        Assert.Equal(
            "Failed to apply default image tag \"ACTOKEY\": couldn't parse image name \"ACTOKEY\": invalid reference format: repository name (library/ACTOKEY) must be lowercase",
            Error("ACTOKEY"));

    [Fact]
    public void ANameLongerThan255CharactersIsRejected()
    {
        Assert.True(ImageReference.TryParse(new string('a', 247), out _, out _)); // library/ + 247 = 255
        Assert.EndsWith(": repository name must not be more than 255 characters", Error(new string('a', 248)));
    }

    [Fact]
    public void ATagLongerThan128CharactersIsRejected()
    {
        Assert.True(ImageReference.TryParse("nginx:" + new string('t', 128), out _, out _));
        Assert.EndsWith(": invalid reference format", Error("nginx:" + new string('t', 129)));
    }

    [Theory]
    [InlineData("nginx\t", "\"nginx\\t\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("ngínx", "\"ngínx\"")]
    public void ImagesAreQuotedLikeGo(string image, string quoted) =>
        Assert.StartsWith($"Failed to apply default image tag {quoted}: couldn't parse image name {quoted}: ", Error(image));

    [Fact]
    public void NullIsAnInvalidNameNotACrash() =>
        Assert.False(ImageReference.TryParse(null, out _, out _));

    [Fact]
    public void HostileInputIsRejectedQuickly()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(ImageReference.TryParse(string.Concat(Enumerable.Repeat("a-", 10_000)) + "!", out _, out _));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    static string Error(string image)
    {
        Assert.False(ImageReference.TryParse(image, out _, out var error));
        return error;
    }
}
