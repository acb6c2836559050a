namespace PodLife.Core.Streaming;

/// <summary>
/// A port-forward that could not reach its port, with the message kubectl shows after "an error occurred forwarding":
/// the streaming server's words, e.g. <c>error forwarding port 8080 to pod …, uid : … connection refused</c>.
/// </summary>
public sealed class PortForwardException(string message) : Exception(message);
