namespace PodLife.Node.Runtime;

/// <summary>An image present on the node (CRI Image).</summary>
/// <param name="Id">The image id (<c>sha256:</c> config digest).</param>
/// <param name="RepoTags">Names it was pulled as, e.g. <c>docker.io/library/nginx:1.27</c>.</param>
/// <param name="RepoDigests">Digest references, e.g. <c>docker.io/library/nginx@sha256:…</c>.</param>
/// <param name="SizeBytes">Its size in bytes.</param>
public sealed record ImageInfo(string Id, IReadOnlyList<string> RepoTags, IReadOnlyList<string> RepoDigests, long SizeBytes);
