using PodLife.Core.Admission;

namespace PodLife.Core.Tests.Admission;

// Cases from k8s.io/apimachinery/pkg/util/validation/validation_test.go
// (TestIsDNS1123Label, TestIsDNS1123Subdomain, TestIsQualifiedName, TestIsValidLabelValue, TestIsValidPortName, TestIsConfigMapKey).
public class NameFormatsTests
{
    public static TheoryData<string> GoodLabels => ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2", new string('a', 63)];

    public static TheoryData<string> BadLabels => ["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b",
        "1_", "_1", "1_2", ".", "a.", ".a", "a.b", "1.", ".1", "1.2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "a\n", new string('a', 64)];

    public static TheoryData<string> GoodSubdomains => ["a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2",
        "a.a", "ab.a", "abc.a", "a1.a", "a-1.a", "a--1--2--b.a", "a.1", "0.a", "01.a", "012.a", "1a.a", "1-a.a", "1--a--b--2.a", "a.b.c.d.e", new string('a', 253)];

    public static TheoryData<string> BadSubdomains => ["", "A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b",
        "1_", "_1", "1_2", ".", "a.", ".a", "a..b", "1.", ".1", "1..2", " ", "a ", " a", "a b", "1 ", " 1", "1 2", "A.a", "aB.a", "ab.A", "A1.a",
        "a1.A", "A.1", "aB.1", "A1.1", "1A.1", "0.A", "01.A", "012.A", "1A.a", "1a.A", "A.B.C.D.E", "AA.BB.CC.DD.EE", "a.B.c.d.e", "aa.bB.cc.dd.ee",
        "a@b", "a,b", "a_b", "a;b", "a:b", "a%b", "a?b", "a$b", new string('a', 254)];

    public static TheoryData<string> GoodQualifiedNames => ["simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
        "now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple", "1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678",
        "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123", "requests.storage-foo", new string('a', 63), new string('a', 253) + "/" + new string('b', 63)];

    public static TheoryData<string> BadQualifiedNames => ["nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash", "Example.com/abc",
        "example_com/abc", "example.com/", "/simple", new string('a', 64), new string('a', 254) + "/abc"];

    [Theory, MemberData(nameof(GoodLabels))]
    public void AcceptsDns1123Labels(string value) => Assert.Empty(NameFormats.IsDns1123Label(value));

    [Theory, MemberData(nameof(BadLabels))]
    public void RejectsBadDns1123Labels(string value) => Assert.NotEmpty(NameFormats.IsDns1123Label(value));

    [Theory, MemberData(nameof(GoodSubdomains))]
    public void AcceptsDns1123Subdomains(string value) => Assert.Empty(NameFormats.IsDns1123Subdomain(value));

    [Theory, MemberData(nameof(BadSubdomains))]
    public void RejectsBadDns1123Subdomains(string value) => Assert.NotEmpty(NameFormats.IsDns1123Subdomain(value));

    [Theory, MemberData(nameof(GoodQualifiedNames))]
    public void AcceptsQualifiedNames(string value) => Assert.Empty(NameFormats.IsQualifiedName(value));

    [Theory, MemberData(nameof(BadQualifiedNames))]
    public void RejectsBadQualifiedNames(string value) => Assert.NotEmpty(NameFormats.IsQualifiedName(value));

    [Theory]
    [InlineData("simple", true)]
    [InlineData("now-with-dashes", true)]
    [InlineData("1-starts-with-num", true)]
    [InlineData("end-with-num-1", true)]
    [InlineData("1234", true)]
    [InlineData("", true)]
    [InlineData("nospecialchars%^=@", false)]
    [InlineData("Tama-nui-te-rā.is_Māori.sun", false)]
    [InlineData("\\backslashes\\are\\bad", false)]
    [InlineData("-starts-with-dash", false)]
    [InlineData("ends-with-dash-", false)]
    [InlineData(".starts.with.dot", false)]
    [InlineData("ends.with.dot.", false)]
    public void LabelValuesAreEmptyOrQualifiedNameLike(string value, bool valid) =>
        Assert.Equal(valid, NameFormats.IsLabelValue(value).Count == 0);

    [Theory]
    [InlineData("telnet", true)]
    [InlineData("re-mail-ck", true)]
    [InlineData("pop3", true)]
    [InlineData("a-1-b-2-c", true)]
    [InlineData("longerthan15characters", false)]
    [InlineData("", false)]
    [InlineData("12345", false)]
    [InlineData("1-2-3-4", false)]
    [InlineData("-begin", false)]
    [InlineData("end-", false)]
    [InlineData("two--hyphens", false)]
    [InlineData("whois++", false)]
    public void PortNamesAreIanaServiceNames(string value, bool valid) =>
        Assert.Equal(valid, NameFormats.IsValidPortName(value).Count == 0);

    [Theory]
    [InlineData("key.name", true)]
    [InlineData("KEY_NAME", true)]
    [InlineData("key-name", true)]
    [InlineData(".dotfile", true)]
    [InlineData("", false)]
    [InlineData("key name", false)]
    [InlineData("key/name", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("..key", false)]
    public void ConfigMapKeysAreFileNameLike(string value, bool valid) =>
        Assert.Equal(valid, NameFormats.IsConfigMapKey(value).Count == 0);

    [Fact]
    public void SubdomainMessageMatchesKubeApiserver() =>
        Assert.Equal(["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"],
            NameFormats.IsDns1123Subdomain("Foo_"));

    [Fact]
    public void QualifiedNameMessageKeepsGosDoubleSpaces() =>
        Assert.Equal(["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"],
            NameFormats.IsQualifiedName("-bad"));

    [Fact]
    public void ALabelWithDotsIsToldSo() => Assert.Equal(["must not contain dots"], NameFormats.IsDns1123Label("my.ns"));
}
