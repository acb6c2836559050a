using PodLife.Core.Images;

namespace PodLife.Core.Tests.Images;

// Cases from distribution/reference normalize_test.go (TestParseRepositoryInfo, TestNormalizedSplitHostname,
// TestParseReferenceWithTagAndDigest, TestParseAnyReference) and kubelet's ParseImageName default tag.
public class ImageReferenceTests
{
    const string Sha = "sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c";

    [Theory]
    [InlineData("fooo/bar", "docker.io", "fooo/bar")]
    [InlineData("docker.io/fooo/bar", "docker.io", "fooo/bar")]
    [InlineData("index.docker.io/fooo/bar", "docker.io", "fooo/bar")]
    [InlineData("ubuntu", "docker.io", "library/ubuntu")]
    [InlineData("library/ubuntu", "docker.io", "library/ubuntu")]
    [InlineData("nonlibrary/ubuntu", "docker.io", "nonlibrary/ubuntu")]
    [InlineData("other/library", "docker.io", "other/library")]
    [InlineData("127.0.0.1:8000/private/moonbase", "127.0.0.1:8000", "private/moonbase")]
    [InlineData("127.0.0.1:8000/privatebase", "127.0.0.1:8000", "privatebase")]
    [InlineData("example.com/private/moonbase", "example.com", "private/moonbase")]
    [InlineData("example.com:8000/privatebasee", "example.com:8000", "privatebasee")]
    [InlineData("ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base")]
    [InlineData("index.docker.io/library/ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base")]
    [InlineData("docker.io/foo", "docker.io", "library/foo")]
    [InlineData("library/foo/bar", "docker.io", "library/foo/bar")]
    [InlineData("store/foo/bar", "docker.io", "store/foo/bar")]
    [InlineData("Foo/bar", "Foo", "bar")]
    [InlineData("FOO/bar", "FOO", "bar")]
    [InlineData("test_com/foo", "docker.io", "test_com/foo")]
    [InlineData("test-com:8080/foo", "test-com:8080", "foo")]
    [InlineData("xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo")]
    [InlineData("localhost/app", "localhost", "app")]
    [InlineData("[fc00::1]:5000/docker", "[fc00::1]:5000", "docker")]
    [InlineData("registry.k8s.io/pause", "registry.k8s.io", "pause")]
    public void NormalizesDomainAndPath(string image, string domain, string path)
    {
        Assert.True(ImageReference.TryParse(image, out var reference, out var error), error);
        Assert.Equal((domain, path), (reference.Domain, reference.Path));
        Assert.Equal($"{domain}/{path}", reference.Name);
    }

    [Theory]
    [InlineData("nginx", "docker.io/library/nginx:latest", "latest", null, true)]
    [InlineData("nginx:1.25", "docker.io/library/nginx:1.25", "1.25", null, false)]
    [InlineData("redis@" + Sha, "docker.io/library/redis@" + Sha, null, Sha, false)]
    [InlineData("dmcgowan/myapp:latest", "docker.io/dmcgowan/myapp:latest", "latest", null, false)]
    [InlineData("busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
        "docker.io/library/busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
        "latest", "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa", false)]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest", "latest", null, true)]
    [InlineData("dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", "docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9:latest", "latest", null, true)]
    public void FillsInTheDefaultTagOnlyWithoutTagAndDigest(string image, string fullName, string? tag, string? digest, bool defaulted)
    {
        Assert.True(ImageReference.TryParse(image, out var reference, out var error), error);
        Assert.Equal((fullName, tag, digest, defaulted), (reference.FullName, reference.Tag, reference.Digest, reference.IsTagDefaulted));
    }

    [Theory]
    [InlineData("nginx", "nginx:latest")]
    [InlineData("nginx:1.25", "nginx:1.25")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    [InlineData("redis@" + Sha, "redis@" + Sha)]
    public void KubeletAsksTheRuntimeForTheImageWithTheDefaultTagAppended(string image, string expected)
    {
        Assert.True(ImageReference.TryParse(image, out var reference, out _));
        Assert.Equal(expected, reference.ImageWithDefaultTag);
    }

    // normalize_test.go TestValidateReferenceName / TestValidateRemoteName valid names.
    [Theory]
    [InlineData("docker/docker")]
    [InlineData("192.168.0.1")]
    [InlineData("192.168.0.1:80")]
    [InlineData("192.168.0.1:8/debian")]
    [InlineData("thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev")]
    [InlineData("[fc00:1:2:3:4:5:6:7]:5000/library/debian")]
    [InlineData("docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a")]
    [InlineData("Docker/docker")]
    [InlineData("docker---rules/docker")]
    [InlineData("d/docker")]
    [InlineData("dock__er/docker")]
    public void AcceptsTheValidNamesOfDistributionReference(string image) =>
        Assert.True(ImageReference.TryParse(image, out _, out var error), error);
}
