namespace PodLife.Node.Volumes;

/// <summary>
/// What the node makes on its disk for one pod volume before containers mount it (kubelet's volume plugins' SetUp).
/// </summary>
/// <param name="Name">The volume's name in the pod spec.</param>
/// <param name="Plugin">kubelet's plugin directory name, e.g. <c>kubernetes.io~configmap</c>; empty for hostPath.</param>
/// <param name="InMemory">Backed by tmpfs (secrets, projected tokens, emptyDir medium Memory), never written to disk.</param>
/// <param name="Files">The files to write atomically (null for an emptyDir, which starts empty and is writable).</param>
/// <param name="HostPath">For hostPath volumes, the node's directory itself.</param>
public sealed record VolumeSetup(string Name, string Plugin, bool InMemory, IReadOnlyList<VolumeFile>? Files, string? HostPath = null)
{
    /// <summary>configMap, secret, downwardAPI and projected volumes are mounted read-only whatever the mount says.</summary>
    public bool AlwaysReadOnly => Files is not null;

    /// <summary>Whether <paramref name="other"/> holds the same files (paths, bytes and modes) as this one.</summary>
    public bool HasSameFilesAs(VolumeSetup? other) =>
        other?.Files is { } theirs && Files is { } ours && ours.Count == theirs.Count &&
        ours.Zip(theirs).All(p => p.First.Path == p.Second.Path && p.First.Mode == p.Second.Mode && p.First.Content.AsSpan().SequenceEqual(p.Second.Content));
}
