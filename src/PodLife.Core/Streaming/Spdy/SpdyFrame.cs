namespace PodLife.Core.Streaming.Spdy;

/// <summary>SPDY/3.1 frame types (control frames carry one; <see cref="Data"/> stands for data frames).</summary>
public enum SpdyFrameType : ushort
{
    Data = 0,
    SynStream = 1,
    SynReply = 2,
    RstStream = 3,
    Settings = 4,
    Ping = 6,
    GoAway = 7,
    Headers = 8,
    WindowUpdate = 9,
}

/// <summary>
/// One frame as read from the wire: its type, flags, the stream it concerns (0 for session frames; for PING its id,
/// for GOAWAY the last good stream) and its payload after the fields that name the stream.
/// </summary>
public sealed record SpdyFrame(SpdyFrameType Type, byte Flags, int StreamId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>FLAG_FIN: the sender's half of the stream ends with this frame.</summary>
    public const byte Fin = 0x01;

    public bool IsFin => (Flags & Fin) != 0;
}
