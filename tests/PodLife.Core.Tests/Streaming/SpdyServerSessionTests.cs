using System.Buffers;
using PodLife.Core.Streaming.Spdy;

namespace PodLife.Core.Tests.Streaming;

/// <summary>The server side of a SPDY/3.1 session: streams the client opens are accepted and handed over with their data.</summary>
public sealed class SpdyServerSessionTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOpenedStreamIsAcceptedWithASynReplyAndGetsItsDataUntilTheFin()
    {
        var client = new MemoryStream();
        client.Write(SpdyFrames.SynStream(1, [new("streamtype", "data"), new("port", "80")], firstHeaderBlock: true));
        client.Write(SpdyFrames.Data(1, "hello"u8, fin: true));
        client.Write(SpdyFrames.Ping(2));
        var wire = new Wire(client.ToArray());
        await using var session = new SpdyServerSession(wire);
        var opened = new List<SpdyServerStream>();

        await session.RunAsync(opened.Add, Token);

        var stream = Assert.Single(opened);
        Assert.Equal(("data", "80"), (stream.Header("streamtype"), stream.Header("port")));
        var read = await stream.Input.ReadAsync(Token);
        Assert.Equal("hello"u8.ToArray(), read.Buffer.ToArray());
        Assert.True(read.IsCompleted);
        var sent = wire.Sent.ToArray();
        var (type, _, _, _) = SpdyFrames.ReadHeader(sent);
        Assert.Equal(SpdyFrameType.SynReply, type);
        Assert.Equal(1, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(sent.AsSpan(8)));
        Assert.Equal(SpdyFrames.Ping(2), sent[^12..]);
    }

    [Fact]
    public async Task AFrameOfAnotherSpdyVersionEndsTheSessionWithAProtocolError()
    {
        await using var session = new SpdyServerSession(new Wire(Convert.FromHexString("8002000100000000")));

        var e = await Assert.ThrowsAsync<SpdyException>(() => session.RunAsync(_ => { }, Token));

        Assert.StartsWith("bad SPDY frame: SPDY version 2 is not 3", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A connection whose client has sent <c>incoming</c> and then hung up; what the server writes is kept.</summary>
    sealed class Wire(byte[] incoming) : Stream
    {
        readonly MemoryStream _in = new(incoming);
        public MemoryStream Sent { get; } = new();
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _in.Read(buffer, offset, count);
        public override void Write(byte[] buffer, int offset, int count) => Sent.Write(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
