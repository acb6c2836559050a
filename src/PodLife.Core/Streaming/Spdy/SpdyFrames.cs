using System.Buffers.Binary;
using System.Text;

namespace PodLife.Core.Streaming.Spdy;

/// <summary>
/// SPDY/3.1 framing as pure functions (spdy-protocol-draft3-1, section 2): every frame has an 8-byte header; a control
/// frame starts with the control bit, version 3 and its type, a data frame with its stream id; then 8 bits of flags and
/// a 24-bit length.
/// </summary>
public static class SpdyFrames
{
    public const int HeaderLength = 8;
    public const int MaxLength = (1 << 24) - 1;
    const ushort Version = 3;

    /// <summary>
    /// The 2-byte zlib header that starts the header-block stream: deflate, 32K window, no preset dictionary. Every
    /// header block a sender writes continues one zlib stream per direction, so only the first carries it.
    /// </summary>
    static readonly byte[] ZlibHeader = [0x78, 0x01];

    static readonly byte[] SyncFlush = [0x00, 0x00, 0x00, 0xff, 0xff];

    /// <summary>A DATA frame for <paramref name="streamId"/>; with <paramref name="fin"/> the last one of its sender.</summary>
    public static byte[] Data(int streamId, ReadOnlySpan<byte> data, bool fin)
    {
        if (data.Length > MaxLength) throw new ArgumentOutOfRangeException(nameof(data), "a SPDY frame holds at most 16 MiB");
        var frame = new byte[HeaderLength + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, streamId & 0x7fffffff);
        WriteFlagsAndLength(frame.AsSpan(4), fin ? SpdyFrame.Fin : (byte)0, data.Length);
        data.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>
    /// A SYN_STREAM opening <paramref name="streamId"/> (priority 0, no associated stream) with
    /// <paramref name="headers"/> as a header block; <paramref name="firstHeaderBlock"/> when it is the first header
    /// block this side sends on the session.
    /// </summary>
    public static byte[] SynStream(int streamId, IReadOnlyList<KeyValuePair<string, string>> headers, bool firstHeaderBlock)
    {
        var block = HeaderBlock(headers, firstHeaderBlock);
        var frame = Control(SpdyFrameType.SynStream, 0, 10 + block.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        // Associated-To-Stream-ID 0, priority 0 (3 bits) and the unused 5 bits, slot 0.
        block.CopyTo(frame.AsSpan(18));
        return frame;
    }

    /// <summary>A SYN_REPLY accepting the peer's stream <paramref name="streamId"/> with <paramref name="headers"/>.</summary>
    public static byte[] SynReply(int streamId, IReadOnlyList<KeyValuePair<string, string>> headers, bool firstHeaderBlock)
    {
        var block = HeaderBlock(headers, firstHeaderBlock);
        var frame = Control(SpdyFrameType.SynReply, 0, 4 + block.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        block.CopyTo(frame.AsSpan(12));
        return frame;
    }

    /// <summary>A PING answering the peer's ping <paramref name="id"/> (the receiver echoes it unchanged).</summary>
    public static byte[] Ping(int id)
    {
        var frame = Control(SpdyFrameType.Ping, 0, 4);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), id);
        return frame;
    }

    /// <summary>A RST_STREAM with <paramref name="status"/> (5 = CANCEL).</summary>
    public static byte[] RstStream(int streamId, int status)
    {
        var frame = Control(SpdyFrameType.RstStream, 0, 8);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(12), status);
        return frame;
    }

    /// <summary>A GOAWAY: this side opens no more streams; <paramref name="lastGoodStreamId"/> is the last peer stream it accepted.</summary>
    public static byte[] GoAway(int lastGoodStreamId)
    {
        var frame = Control(SpdyFrameType.GoAway, 0, 8);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), lastGoodStreamId & 0x7fffffff);
        return frame;
    }

    /// <summary>
    /// The name/value header block of SPDY/3 (32-bit count, then 32-bit length-prefixed lowercase names and values),
    /// compressed as zlib requires but without compression: one stored deflate block, which any inflater reads whatever
    /// dictionary it was given (SPDY's dictionary only helps real compression).
    /// </summary>
    public static byte[] HeaderBlock(IReadOnlyList<KeyValuePair<string, string>> headers, bool first)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var plain = new MemoryStream();
        var number = new byte[4];
        void Write32(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(number, value);
            plain.Write(number);
        }
        Write32(headers.Count);
        foreach (var (name, value) in headers)
        {
            var n = Encoding.UTF8.GetBytes(name.ToLowerInvariant());
            var v = Encoding.UTF8.GetBytes(value);
            Write32(n.Length);
            plain.Write(n);
            Write32(v.Length);
            plain.Write(v);
        }
        var data = plain.ToArray();
        if (data.Length > ushort.MaxValue) throw new ArgumentException("header block too long for one stored block", nameof(headers));
        var prefix = first ? ZlibHeader.Length : 0;
        var block = new byte[prefix + 5 + data.Length + SyncFlush.Length];
        if (first) ZlibHeader.CopyTo(block, 0);
        // Stored block, not final (BFINAL 0, BTYPE 00, padded to the byte): the stream goes on with the next block.
        block[prefix] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(prefix + 1), (ushort)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(prefix + 3), (ushort)~data.Length);
        data.CopyTo(block.AsSpan(prefix + 5));
        // Then the empty stored block of a zlib sync flush, as every SPDY sender ends a header block: Go's inflater
        // hands out a block's bytes only when the next block begins, and must read the whole frame.
        SyncFlush.CopyTo(block, prefix + 5 + data.Length);
        return block;
    }

    /// <summary>
    /// Reads a frame's 8-byte header: the type (Data for a data frame), the stream id of a data frame (0 for control
    /// frames, whose ids are in the payload), the flags and the payload length.
    /// </summary>
    /// <exception cref="InvalidDataException">A control frame of another SPDY version.</exception>
    public static (SpdyFrameType Type, int StreamId, byte Flags, int Length) ReadHeader(ReadOnlySpan<byte> header)
    {
        var first = BinaryPrimitives.ReadUInt32BigEndian(header);
        var flags = header[4];
        var length = (header[5] << 16) | (header[6] << 8) | header[7];
        if ((first & 0x80000000) == 0) return (SpdyFrameType.Data, (int)(first & 0x7fffffff), flags, length);
        var version = (ushort)((first >> 16) & 0x7fff);
        if (version != Version) throw new InvalidDataException($"SPDY version {version} is not 3");
        return ((SpdyFrameType)(first & 0xffff), 0, flags, length);
    }

    /// <summary>
    /// The frame whose header was read, with its payload: the stream id of SYN_STREAM, SYN_REPLY, RST_STREAM, HEADERS
    /// and WINDOW_UPDATE is taken out of the payload (for PING its id, for GOAWAY the last good stream id).
    /// </summary>
    public static SpdyFrame Frame(SpdyFrameType type, int streamId, byte flags, ReadOnlyMemory<byte> payload)
    {
        switch (type)
        {
            case SpdyFrameType.Data:
                return new(type, flags, streamId, payload);
            case SpdyFrameType.SynStream or SpdyFrameType.SynReply or SpdyFrameType.RstStream or SpdyFrameType.Headers
                or SpdyFrameType.WindowUpdate or SpdyFrameType.Ping or SpdyFrameType.GoAway:
                if (payload.Length < 4) throw new InvalidDataException($"SPDY {type} frame too short");
                var id = BinaryPrimitives.ReadInt32BigEndian(payload.Span) & (type == SpdyFrameType.Ping ? -1 : 0x7fffffff);
                return new(type, flags, id, payload[4..]);
            default:
                return new(type, flags, 0, payload);
        }
    }

    static byte[] Control(SpdyFrameType type, byte flags, int length)
    {
        var frame = new byte[HeaderLength + length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, 0x8000 | Version);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)type);
        WriteFlagsAndLength(frame.AsSpan(4), flags, length);
        return frame;
    }

    static void WriteFlagsAndLength(Span<byte> at, byte flags, int length)
    {
        at[0] = flags;
        at[1] = (byte)(length >> 16);
        at[2] = (byte)(length >> 8);
        at[3] = (byte)length;
    }
}
