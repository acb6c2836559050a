namespace PodLife.Node.Logs;

/// <summary>A log request the node cannot answer, worded as kubelet answers it (the API server returns it as 400).</summary>
public sealed class NodeLogsException(string message) : Exception(message);
