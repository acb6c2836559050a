using System.Diagnostics.CodeAnalysis;

namespace PodLife.Core.Images;

/// <summary>A container image reference parsed as kubelet does (distribution/reference ParseNormalizedNamed via
/// pkg/util/parsers ParseImageName): docker.io and library/ filled in, tag "latest" when there is neither tag nor digest.</summary>
public sealed record ImageReference
{
    const string DefaultDomain = "docker.io";
    const string LegacyDefaultDomain = "index.docker.io";
    const string OfficialRepoPrefix = "library/";
    const string DefaultTag = "latest";

    ImageReference(string image, string domain, string path, string? tag, string? digest)
    {
        (Image, Domain, Path, Digest) = (image, domain, path, digest);
        IsTagDefaulted = tag is null && digest is null;
        Tag = IsTagDefaulted ? DefaultTag : tag;
    }

    /// <summary>The image string as written in the pod spec.</summary>
    public string Image { get; }

    /// <summary>The registry, e.g. "docker.io", "registry.k8s.io", "localhost:5000".</summary>
    public string Domain { get; }

    /// <summary>The repository path within the registry, e.g. "library/nginx".</summary>
    public string Path { get; }

    /// <summary>The tag: as written, or "latest" when the image has neither tag nor digest; null with only a digest.</summary>
    public string? Tag { get; }

    /// <summary>Whether <see cref="Tag"/> is the default "latest" rather than written.</summary>
    public bool IsTagDefaulted { get; }

    /// <summary>The digest, e.g. "sha256:&lt;64 hex&gt;", or null.</summary>
    public string? Digest { get; }

    /// <summary>The repository name kubelet pulls: "docker.io/library/nginx".</summary>
    public string Name => $"{Domain}/{Path}";

    /// <summary>The fully qualified reference: "docker.io/library/nginx:latest", "…@sha256:…", or both.</summary>
    public string FullName => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>kubelet's applyDefaultImageTag: the image as written, with ":latest" appended when it has neither
    /// tag nor digest ("nginx" → "nginx:latest"); this is what kubelet asks the runtime for.</summary>
    public string ImageWithDefaultTag => IsTagDefaulted ? Image + ":" + DefaultTag : Image;

    /// <summary>Parses an image as kubelet does; on failure <paramref name="error"/> is kubelet's InvalidImageName
    /// message, e.g. <c>Failed to apply default image tag "Nginx": couldn't parse image name "Nginx": invalid
    /// reference format: repository name (library/Nginx) must be lowercase</c>.</summary>
    public static bool TryParse(string? image, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        image ??= "";
        if (!Memo.TryGetValue(image, out var parsed))
        {
            var problem = Parse(image, out var fresh);
            parsed = (fresh, problem is null ? null : ImageMessages.InvalidImageName(image, problem));
            if (Memo.Count >= MemoLimit) Memo.Clear();
            Memo[image] = parsed;
        }
        (reference, error) = parsed;
        return reference is not null;
    }

    // The node parses each container's image on every start (the grammar's regular expressions, their match objects
    // and strings); a cluster uses few distinct images and a parsed reference is immutable, so answers and errors are
    // remembered (bounded: cleared when full), as ImagePullPolicyDefault does.
    const int MemoLimit = 4096;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ImageReference? Reference, string? Error)> Memo =
        new(StringComparer.Ordinal);

    // distribution/reference ParseNormalizedNamed then Parse; returns the Go error text, or null on success.
    static string? Parse(string image, out ImageReference? reference)
    {
        reference = null;
        if (ReferenceGrammar.AnchoredIdentifier.IsMatch(image))
            return $"invalid repository name ({image}), cannot specify 64-byte hexadecimal strings";

        var (domain, remainder) = SplitDockerDomain(image);
        var tagSeparator = remainder.IndexOf(':', StringComparison.Ordinal);
        var remote = tagSeparator > -1 ? remainder[..tagSeparator] : remainder;
        if (!remote.Equals(remote.ToLowerInvariant(), StringComparison.Ordinal))
            return $"invalid reference format: repository name ({remote}) must be lowercase";

        var full = domain + "/" + remainder;
        var match = ReferenceGrammar.Reference.Match(full);
        if (!match.Success)
        {
            var lower = full.ToLowerInvariant();
            return lower != full && ReferenceGrammar.Reference.IsMatch(lower)
                ? "repository name must be lowercase"
                : "invalid reference format";
        }

        var name = ReferenceGrammar.AnchoredName.Match(match.Groups[1].Value);
        var (parsedDomain, path) = name.Success
            ? (name.Groups[1].Value, name.Groups[2].Value)
            : ("", match.Groups[1].Value);
        if (path.Length > ReferenceGrammar.RepositoryNameTotalLengthMax)
            return $"repository name must not be more than {ReferenceGrammar.RepositoryNameTotalLengthMax} characters";

        var digest = match.Groups[3].Success ? match.Groups[3].Value : null;
        if (digest is not null && ReferenceGrammar.ValidateDigest(digest) is { } digestError) return digestError;

        var tag = match.Groups[2].Success ? match.Groups[2].Value : null;
        reference = new ImageReference(image, parsedDomain, path, tag, digest);
        return null;
    }

    // normalize.go splitDockerDomain: the first component is a registry only if it is localhost, has a "." or ":",
    // or has uppercase letters; Docker Hub names without a namespace go under library/.
    static (string Domain, string Remainder) SplitDockerDomain(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return (DefaultDomain, OfficialRepoPrefix + name);

        var (maybeDomain, maybeRemote) = (name[..slash], name[(slash + 1)..]);
        var (domain, remote) = maybeDomain switch
        {
            "localhost" => (maybeDomain, maybeRemote),
            LegacyDefaultDomain => (DefaultDomain, maybeRemote),
            _ when maybeDomain.AsSpan().IndexOfAny('.', ':') >= 0 => (maybeDomain, maybeRemote),
            _ when !maybeDomain.Equals(maybeDomain.ToLowerInvariant(), StringComparison.Ordinal) => (maybeDomain, maybeRemote),
            _ => (DefaultDomain, name),
        };
        if (domain == DefaultDomain && !remote.Contains('/', StringComparison.Ordinal))
            remote = OfficialRepoPrefix + remote;
        return (domain, remote);
    }
}
