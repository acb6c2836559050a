using System.Collections.Concurrent;
using System.IO.Pipelines;

namespace PodLife.Core.Streaming.Spdy;

/// <summary>
/// The server side of one SPDY/3.1 session, as kubelet's streaming server (and kube-apiserver behind a WebSocket
/// tunnel) speaks it to kubectl: the client opens streams with SYN_STREAM and headers; each is accepted with a
/// SYN_REPLY and handed to the caller with its incoming data as a pipe. A FIN ends one direction of a stream. Frames
/// are written whole under one lock; one loop reads. Flow control is not enforced (neither side of kubectl's and
/// kubelet's SPDY library does).
/// </summary>
public sealed class SpdyServerSession(Stream transport) : IAsyncDisposable
{
    readonly SemaphoreSlim _writing = new(1, 1);
    readonly ConcurrentDictionary<int, SpdyServerStream> _streams = new();
    readonly SpdyHeaderDecoder _headers = new();
    bool _headerBlockSent;

    /// <summary>
    /// Reads frames until the client leaves (or <paramref name="ct"/> ends), calling <paramref name="opened"/> for each
    /// stream it opens; the streams' incoming pipes end with the session.
    /// </summary>
    /// <exception cref="SpdyException">The client broke the protocol.</exception>
    public async Task RunAsync(Action<SpdyServerStream> opened, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(opened);
        var header = new byte[SpdyFrames.HeaderLength];
        try
        {
            while (await ReadExactlyOrEndAsync(header, ct).ConfigureAwait(false))
            {
                var (type, streamId, flags, length) = SpdyFrames.ReadHeader(header);
                var payload = new byte[length];
                if (length > 0 && !await ReadExactlyOrEndAsync(payload, ct).ConfigureAwait(false)) break;
                var frame = SpdyFrames.Frame(type, streamId, flags, payload);
                switch (frame.Type)
                {
                    case SpdyFrameType.SynStream:
                        // Associated-To-Stream-ID, priority and slot (6 bytes), then the header block.
                        var headers = await _headers.DecodeAsync(frame.Payload[6..], ct).ConfigureAwait(false);
                        var stream = new SpdyServerStream(this, frame.StreamId, headers);
                        _streams[frame.StreamId] = stream;
                        await SendAsync(SpdyFrames.SynReply(frame.StreamId, [], FirstHeaderBlock()), ct).ConfigureAwait(false);
                        if (frame.IsFin) await stream.EndInputAsync().ConfigureAwait(false);
                        opened(stream);
                        break;
                    case SpdyFrameType.Data when _streams.TryGetValue(frame.StreamId, out var target):
                        await target.ReceiveAsync(frame.Payload, ct).ConfigureAwait(false);
                        if (frame.IsFin) await target.EndInputAsync().ConfigureAwait(false);
                        break;
                    case SpdyFrameType.RstStream when _streams.TryRemove(frame.StreamId, out var reset):
                        await reset.EndInputAsync().ConfigureAwait(false);
                        break;
                    case SpdyFrameType.Ping:
                        await SendAsync(SpdyFrames.Ping(frame.StreamId), ct).ConfigureAwait(false);
                        break;
                    case SpdyFrameType.GoAway:
                        return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away.
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
        {
            // Another SPDY version, or a frame too short for what its type must hold.
            throw new SpdyException($"bad SPDY frame: {e.Message}");
        }
        finally
        {
            foreach (var stream in _streams.Values) await stream.EndInputAsync().ConfigureAwait(false);
        }
    }

    bool FirstHeaderBlock()
    {
        var first = !_headerBlockSent;
        _headerBlockSent = true;
        return first;
    }

    internal async Task SendAsync(byte[] frame, CancellationToken ct)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await transport.WriteAsync(frame, ct).ConfigureAwait(false);
            await transport.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken ct)
    {
        var read = await transport.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (read == 0) return false;
        if (read < buffer.Length) throw new IOException("the client closed the connection in the middle of a frame");
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _headers.DisposeAsync().ConfigureAwait(false);
        _writing.Dispose();
    }
}

/// <summary>One stream a SPDY client opened: its headers, what it sends (until its FIN), and writes back to it.</summary>
public sealed class SpdyServerStream
{
    readonly SpdyServerSession _session;
    readonly Pipe _input = new();
    int _inputEnded;
    int _outputEnded;

    internal SpdyServerStream(SpdyServerSession session, int id, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        (_session, Id, Headers) = (session, id, headers);

    public int Id { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The first value of header <paramref name="name"/> (names are lowercase on the wire), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>What the client sends on this stream; it completes at the client's FIN, a reset or the session's end.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>Sends <paramref name="data"/> in DATA frames of at most 32 KiB.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        const int Chunk = 32 * 1024;
        for (var at = 0; at < data.Length; at += Chunk)
            await _session.SendAsync(SpdyFrames.Data(Id, data.Span.Slice(at, Math.Min(Chunk, data.Length - at)), fin: false), ct).ConfigureAwait(false);
    }

    /// <summary>Ends this side of the stream (an empty DATA frame with FLAG_FIN), once.</summary>
    public Task CloseAsync(CancellationToken ct) =>
        Interlocked.Exchange(ref _outputEnded, 1) == 0 ? _session.SendAsync(SpdyFrames.Data(Id, [], fin: true), ct) : Task.CompletedTask;

    internal async Task ReceiveAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (Volatile.Read(ref _inputEnded) == 0) await _input.Writer.WriteAsync(data, ct).ConfigureAwait(false);
    }

    internal async Task EndInputAsync()
    {
        if (Interlocked.Exchange(ref _inputEnded, 1) == 0) await _input.Writer.CompleteAsync().ConfigureAwait(false);
    }
}
