using CsCheck;
using PodLife.Core.Images;

namespace PodLife.Core.Tests.Images;

// Round trips of the reference grammar: whatever TryParse accepts, its FullName parses back to the same reference.
public class ImageReferencePropertyTests
{
    static Gen<string> Word(string chars, int min, int max) => Gen.Char[chars].Array[min, max].Select(a => new string(a));

    static readonly Gen<string> Component = Gen.Select(Word("abcz019", 1, 4), Gen.OneOf("", ".", "_", "__", "-", "--"), Word("abcz019", 1, 4),
        (a, separator, b) => separator.Length == 0 ? a : a + separator + b);

    static readonly Gen<string> Domain = Gen.OneOf(
        Gen.OneOf("", "docker.io/", "index.docker.io/", "registry.k8s.io/", "localhost/", "localhost:5000/", "[fc00::1]:5000/", "Foo/"),
        Word("abc-", 1, 5).Where(w => !w.StartsWith('-') && !w.EndsWith('-')).Select(w => w + ".example:443/"));

    static readonly Gen<string> Image = Gen.Select(Domain, Component.Array[1, 3], Gen.Bool, Word("aZ09_.-", 1, 10), Gen.Bool, Word("0123456789abcdef", 64, 64),
        (domain, path, tagged, tag, digested, hex) =>
            domain + string.Join('/', path)
            + (tagged && !tag.StartsWith('.') && !tag.StartsWith('-') ? ":" + tag : "")
            + (digested ? "@sha256:" + hex : ""));

    static void RoundTrips(ImageReference reference)
    {
        Assert.True(ImageReference.TryParse(reference.FullName, out var again, out var error), error);
        Assert.Equal(
            (reference.FullName, reference.Domain, reference.Path, reference.Tag, reference.Digest),
            (again.FullName, again.Domain, again.Path, again.Tag, again.Digest));
    }

    [Fact]
    public void GrammaticalImagesParseAndRoundTripThroughTheirFullName() =>
        Image.Sample(image =>
        {
            Assert.True(ImageReference.TryParse(image, out var reference, out var error), error);
            RoundTrips(reference);
        });

    [Fact]
    public void AnyStringEitherFailsWithKubeletsMessageOrRoundTrips() =>
        Word("aZ0/:@._- [", 0, 40).Sample(image =>
        {
            if (ImageReference.TryParse(image, out var reference, out var error)) RoundTrips(reference);
            else Assert.StartsWith("Failed to apply default image tag \"", error);
        });
}
