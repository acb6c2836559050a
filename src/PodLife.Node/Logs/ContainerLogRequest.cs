namespace PodLife.Node.Logs;

/// <summary>What pods/log asks for (kubelet's /containerLogs query): which container and which part of its log.</summary>
/// <param name="Previous">The instance before the current one (<c>kubectl logs --previous</c>).</param>
/// <param name="TailLines">Only the last N lines.</param>
/// <param name="SinceSeconds">Only lines newer than this many seconds.</param>
/// <param name="Timestamps">Prefix each line with its RFC3339Nano time.</param>
public sealed record ContainerLogRequest(
    string Namespace, string Pod, string Container,
    bool Previous = false, long? TailLines = null, long? SinceSeconds = null, bool Timestamps = false);
