namespace PodLife.Core.Streaming.Spdy;

/// <summary>A SPDY session that could not be set up or broke the protocol.</summary>
public sealed class SpdyException(string message) : Exception(message);
