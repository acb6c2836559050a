using System.Text.RegularExpressions;

namespace PodLife.Core.Images;

// The Docker reference grammar of github.com/distribution/reference regexp.go, and go-digest's digest checks.
// Go's \w is ASCII-only and its $ is end of text, hence the explicit class and \z. NonBacktracking keeps matching
// linear like Go's RE2 on hostile input; it reports the same leftmost-first captures.
static class ReferenceGrammar
{
    const string Alphanumeric = "[a-z0-9]+";
    const string Separator = "(?:[._]|__|[-]+)";
    const string DomainNameComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    const string OptionalPort = "(?::[0-9]+)?";
    const string Tag = "[0-9A-Za-z_][0-9A-Za-z_.-]{0,127}";
    const string Digest = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}";
    const string Ipv6Address = @"\[(?:[a-fA-F0-9:]+)\]";
    const string DomainName = DomainNameComponent + @"(?:\." + DomainNameComponent + ")*";
    const string DomainAndPort = "(?:" + DomainName + "|" + Ipv6Address + ")" + OptionalPort;
    const string PathComponent = Alphanumeric + "(?:" + Separator + Alphanumeric + ")*";
    const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    const string NamePattern = "(?:" + DomainAndPort + "/)?" + RemoteName;

    const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>Groups 1 name, 2 tag, 3 digest.</summary>
    public static readonly Regex Reference =
        new(@"\A(" + NamePattern + ")(?::(" + Tag + "))?(?:@(" + Digest + @"))?\z", Options);

    /// <summary>Groups 1 domain, 2 path.</summary>
    public static readonly Regex AnchoredName = new(@"\A(?:(" + DomainAndPort + ")/)?(" + RemoteName + @")\z", Options);

    public static readonly Regex AnchoredIdentifier = new(@"\A[a-f0-9]{64}\z", Options);

    // go-digest: DigestRegexpAnchored, and the encoded forms of the algorithms a kubelet binary links in.
    static readonly Regex GoDigest = new(@"\A[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+\z", Options);
    static readonly Dictionary<string, int> HexLengths = new() { ["sha256"] = 64, ["sha384"] = 96, ["sha512"] = 128 };

    public const int RepositoryNameTotalLengthMax = 255;

    /// <summary>go-digest Digest.Validate; null when valid, else its error text.</summary>
    public static string? ValidateDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon + 1 == digest.Length) return "invalid checksum digest format";
        var (algorithm, encoded) = (digest[..colon], digest[(colon + 1)..]);
        if (!HexLengths.TryGetValue(algorithm, out var length))
            return GoDigest.IsMatch(digest) ? "unsupported digest algorithm" : "invalid checksum digest format";
        if (encoded.Length != length) return "invalid checksum digest length";
        return encoded.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f') ? null : "invalid checksum digest format";
    }
}
