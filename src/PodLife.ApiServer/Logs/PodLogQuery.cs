namespace PodLife.ApiServer.Logs;

/// <summary>
/// One container's log as pods/log asks a node for it (kubelet's /containerLogs/NS/POD/CONTAINER query):
/// <paramref name="Previous"/> the instance before the current one, only the last <paramref name="TailLines"/>,
/// only lines newer than <paramref name="SinceSeconds"/>, each line prefixed with its RFC 3339 time when
/// <paramref name="Timestamps"/>.
/// </summary>
public sealed record PodLogQuery(
    string Namespace, string Pod, string Container,
    bool Previous = false, long? TailLines = null, long? SinceSeconds = null, bool Timestamps = false);
