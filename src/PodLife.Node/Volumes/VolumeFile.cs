namespace PodLife.Node.Volumes;

/// <summary>One file of a configMap, secret, downwardAPI or projected volume.</summary>
/// <param name="Path">Relative to the volume's root, e.g. <c>app/config.yaml</c>.</param>
/// <param name="Content">The bytes as the API holds them (secret data already decoded).</param>
/// <param name="Mode">Unix permission bits (defaultMode 0644 unless the volume or item says otherwise).</param>
public sealed record VolumeFile(string Path, byte[] Content, int Mode);
