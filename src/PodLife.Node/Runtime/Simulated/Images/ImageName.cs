using System.Text.RegularExpressions;

namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>A normalised image reference: <c>docker.io/library/nginx</c> with tag <c>1.27</c> and/or a digest.</summary>
/// <remarks>
/// The parsing is the distribution/reference grammar (spec §8). It stays behind <see cref="TryParse"/> alone so
/// that it can be swapped for PodLife.Core's ImageReference once that lands.
/// </remarks>
internal sealed partial record ImageName(string Repository, string? Tag, string? Digest)
{
    /// <summary>The full name as containerd reports it: <c>docker.io/library/nginx:1.27</c>.</summary>
    public override string ToString() =>
        Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Parses and normalises a reference (default registry docker.io, <c>library/</c>, tag <c>latest</c>).</summary>
    public static bool TryParse(string reference, out ImageName name, out string error)
    {
        if (!Memo.TryGetValue(reference, out var parsed))
        {
            var ok = Parse(reference, out var fresh, out var problem);
            parsed = (ok, fresh, problem);
            if (Memo.Count >= MemoLimit) Memo.Clear();
            Memo[reference] = parsed;
        }
        (_, name, error) = parsed;
        return parsed.Ok;
    }

    // The runtime looks an image up by reference on every container start and image status; a node sees few distinct
    // references and a name is immutable, so answers are remembered (bounded: cleared when full).
    const int MemoLimit = 4096;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (bool Ok, ImageName Name, string Error)> Memo =
        new(StringComparer.Ordinal);

    static bool Parse(string reference, out ImageName name, out string error)
    {
        name = new ImageName("", null, null);
        error = "";
        var match = ReferencePattern().Match(reference);
        if (reference.Length == 0 || !match.Success)
        {
            error = "invalid reference format";
            if (reference.Length > 0 && ReferencePattern().IsMatch(reference.ToLowerInvariant()))
            {
                var repo = reference.Split('@')[0];
                var lastColon = repo.LastIndexOf(':');
                var nameOnly = lastColon > repo.LastIndexOf('/') ? repo[..lastColon] : repo;
                error += $": repository name ({nameOnly}) must be lowercase";
            }
            return false;
        }
        if (AnchoredHex().IsMatch(reference))
        {
            error = "invalid repository name (" + reference + "), cannot specify 64-byte hexadecimal strings";
            return false;
        }
        var path = match.Groups["name"].Value;
        var slash = path.IndexOf('/');
        var first = slash < 0 ? "" : path[..slash];
        var repository = slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost")
            ? path
            : "docker.io/" + (slash < 0 ? "library/" + path : path);
        if (repository.StartsWith("index.docker.io/", StringComparison.Ordinal)) repository = "docker.io/" + repository[16..];
        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var digest = match.Groups["digest"].Success ? match.Groups["digest"].Value : null;
        name = new ImageName(repository, tag ?? (digest is null ? "latest" : null), digest);
        return true;
    }

    [GeneratedRegex(@"^(?<name>(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?/)?[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^[a-f0-9]{64}$")]
    private static partial Regex AnchoredHex();
}
