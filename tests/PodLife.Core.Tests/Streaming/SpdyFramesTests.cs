using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using PodLife.Core.Streaming.Spdy;

namespace PodLife.Core.Tests.Streaming;

/// <summary>SPDY/3.1 frame layouts (spdy-protocol-draft3-1 §2.2, §2.6) as the kubelet streaming client writes and reads them.</summary>
public sealed class SpdyFramesTests
{
    [Fact]
    public void A_data_frame_is_stream_id_flags_24_bit_length_and_the_bytes()
    {
        Assert.Equal(Convert.FromHexString("0000000301000002" + "6869"), SpdyFrames.Data(3, "hi"u8, fin: true));
        Assert.Equal(Convert.FromHexString("0000000500000000"), SpdyFrames.Data(5, [], fin: false));
    }

    [Fact]
    public void Syn_stream_header_blocks_continue_one_zlib_stream_that_any_inflater_reads_frame_by_frame()
    {
        var first = SpdyFrames.SynStream(1, [new("streamType", "error")], firstHeaderBlock: true);
        var second = SpdyFrames.SynStream(3, [new("streamtype", "stdin")], firstHeaderBlock: false);

        // Control bit, version 3, type 1 (SYN_STREAM), no flags, length; stream id, associated stream 0, priority and slot 0.
        Assert.Equal(Convert.FromHexString("80030001"), first[..4]);
        Assert.Equal(0, first[4]);
        Assert.Equal(first.Length - 8, (first[5] << 16) | (first[6] << 8) | first[7]);
        Assert.Equal(Convert.FromHexString("00000001" + "00000000" + "0000"), first[8..18]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(second.AsSpan(8)));

        // The header blocks, joined, are one zlib stream; each frame's block ends with a sync flush, so each block's
        // name/value pairs come out as soon as that frame is read.
        using var input = new MemoryStream();
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        Assert.Equal(Block(("streamtype", "error")), ReadBlock(input, zlib, first[18..]));
        Assert.Equal(Block(("streamtype", "stdin")), ReadBlock(input, zlib, second[18..]));
    }

    [Fact]
    public void Control_frames_are_read_with_their_stream_id_and_data_frames_with_theirs()
    {
        var reset = SpdyFrames.RstStream(7, 5);
        var (type, _, flags, length) = SpdyFrames.ReadHeader(reset);
        var frame = SpdyFrames.Frame(type, 0, flags, reset.AsMemory(8, length));
        Assert.Equal((SpdyFrameType.RstStream, 7, 5), (frame.Type, frame.StreamId, BinaryPrimitives.ReadInt32BigEndian(frame.Payload.Span)));

        var data = SpdyFrames.Data(9, "x"u8, fin: true);
        var header = SpdyFrames.ReadHeader(data);
        Assert.Equal((SpdyFrameType.Data, 9, SpdyFrame.Fin, 1), header);

        Assert.Throws<InvalidDataException>(() => SpdyFrames.ReadHeader(Convert.FromHexString("8002000100000000")));
    }

    static byte[] Block(params (string Name, string Value)[] pairs)
    {
        var bytes = new List<byte>();
        void Add32(int v) => bytes.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        Add32(pairs.Length);
        foreach (var (n, v) in pairs)
        {
            Add32(n.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(n));
            Add32(v.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(v));
        }
        return [.. bytes];
    }

    static byte[] ReadBlock(MemoryStream input, ZLibStream zlib, byte[] compressed)
    {
        var at = input.Position;
        input.Seek(0, SeekOrigin.End);
        input.Write(compressed);
        input.Position = at;
        var output = new byte[Block(("streamtype", "error")).Length];
        zlib.ReadExactly(output);
        return output;
    }
}
