namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>What a pull of one reference would get: the image, or the error a registry and containerd give.</summary>
internal sealed record CatalogLookup(ResolvedImage? Image, RuntimeErrorCode Code, string Error)
{
    public static CatalogLookup Find(ImageCatalog catalog, string reference)
    {
        if (!ImageName.TryParse(reference, out var name, out var parseError))
        {
            return Fail(RuntimeErrorCode.Unknown, $"failed to parse image reference \"{reference}\": {parseError}");
        }
        var repository = catalog.Images.FirstOrDefault(i => i.Repository == name.Repository);
        if (repository is not null && (name.Tag is null || repository.HasTag(name.Tag)))
        {
            // A digest cannot be checked against real registries; any well-formed one of a known repository exists.
            return new CatalogLookup(new ResolvedImage(repository, name), 0, "");
        }
        var full = name.ToString();
        var prefix = $"failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": ";
        var registry = name.Repository[..name.Repository.IndexOf('/')];
        if (!catalog.Images.Any(i => i.Repository.StartsWith(registry + "/", StringComparison.Ordinal)))
        {
            var host = registry == "docker.io" ? "registry-1.docker.io" : registry;
            var path = name.Repository[(registry.Length + 1)..];
            return Fail(RuntimeErrorCode.Unknown,
                prefix + $"failed to do request: Head \"https://{host}/v2/{path}/manifests/{name.Tag ?? name.Digest}\": "
                + $"dial tcp: lookup {host.Split(':')[0]}: no such host");
        }
        if (repository is null && registry == "docker.io")
        {
            // Docker Hub answers 401 rather than 404 for repositories that do not exist.
            return Fail(RuntimeErrorCode.Unknown, prefix
                + "pull access denied, repository does not exist or may require authorization: "
                + "server message: insufficient_scope: authorization failed");
        }
        return Fail(RuntimeErrorCode.NotFound, prefix + full + ": not found");
    }

    static CatalogLookup Fail(RuntimeErrorCode code, string error) => new(null, code, error);
}
