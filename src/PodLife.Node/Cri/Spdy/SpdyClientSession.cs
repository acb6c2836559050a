using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

using PodLife.Core.Streaming.Spdy;

namespace PodLife.Node.Cri.Spdy;

/// <summary>
/// The client side of one SPDY/3.1 session, reached as kubectl reaches kubelet's streaming server (and so containerd's):
/// an HTTP/1.1 request with <c>Upgrade: SPDY/3.1</c> and the stream protocols it speaks in X-Stream-Protocol-Version,
/// answered with 101 Switching Protocols. The client opens odd-numbered streams; a FIN on one of them is the
/// half-close the channel WebSocket of v4 lacks. Frames are written whole under one lock; one loop reads.
/// </summary>
public sealed class SpdyClientSession : IAsyncDisposable
{
    const int MaxUpgradeResponse = 16 * 1024;

    readonly Socket _socket;
    readonly NetworkStream _stream;
    readonly SemaphoreSlim _writing = new(1, 1);
    int _nextStreamId = 1;
    bool _headerBlockSent;

    SpdyClientSession(Socket socket, string protocol)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        Protocol = protocol;
    }

    /// <summary>The stream protocol the server chose (its X-Stream-Protocol-Version answer).</summary>
    public string Protocol { get; }

    /// <summary>Connects to <paramref name="url"/> (http only) and upgrades to SPDY/3.1 offering <paramref name="protocols"/>.</summary>
    /// <exception cref="SpdyException">The connection failed or the server did not switch protocols.</exception>
    public static async Task<SpdyClientSession> ConnectAsync(Uri url, IReadOnlyList<string> protocols, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(protocols);
        if (url.Scheme != Uri.UriSchemeHttp) throw new SpdyException($"streaming URL {url} is not http");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(url.IdnHost, url.Port, ct).ConfigureAwait(false);
            var request = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"POST {url.PathAndQuery} HTTP/1.1\r\n")
                .Append(CultureInfo.InvariantCulture, $"Host: {url.Authority}\r\n")
                .Append("Connection: Upgrade\r\nUpgrade: SPDY/3.1\r\n");
            foreach (var p in protocols) request.Append(CultureInfo.InvariantCulture, $"X-Stream-Protocol-Version: {p}\r\n");
            request.Append("Content-Length: 0\r\n\r\n");
            await socket.SendAsync(Encoding.ASCII.GetBytes(request.ToString()), ct).ConfigureAwait(false);
            var (status, headers, body) = await ReadResponseHeadAsync(socket, ct).ConfigureAwait(false);
            if (status != 101)
            {
                // A refusal (bad token, unknown protocol) explains itself in a short body.
                var text = Encoding.UTF8.GetString(body).Trim();
                throw new SpdyException($"{url} answered {status.ToString(CultureInfo.InvariantCulture)} instead of switching to SPDY/3.1{(text.Length > 0 ? ": " + text : "")}");
            }
            var protocol = headers.TryGetValue("x-stream-protocol-version", out var chosen) ? chosen : "";
            if (!protocols.Contains(protocol))
                throw new SpdyException($"{url} chose stream protocol \"{protocol}\", not one of {string.Join(", ", protocols)}");
            return new SpdyClientSession(socket, protocol);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            socket.Dispose();
            throw new SpdyException($"cannot reach the streaming server at {url}: {e.Message}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Opens the next stream with <paramref name="headers"/> (SYN_STREAM) and returns its id.</summary>
    public async Task<int> OpenStreamAsync(IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken ct)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var id = _nextStreamId;
            _nextStreamId += 2;
            await _stream.WriteAsync(SpdyFrames.SynStream(id, headers, !_headerBlockSent), ct).ConfigureAwait(false);
            _headerBlockSent = true;
            return id;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Sends <paramref name="data"/> on the stream in frames of at most 32 KiB.</summary>
    public async Task WriteAsync(int streamId, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        const int chunk = 32 * 1024;
        for (var at = 0; at < data.Length; at += chunk)
            await SendAsync(SpdyFrames.Data(streamId, data.Span.Slice(at, Math.Min(chunk, data.Length - at)), fin: false), ct).ConfigureAwait(false);
    }

    /// <summary>Ends this side of the stream: an empty DATA frame with FLAG_FIN (the peer reads end of stream).</summary>
    public Task CloseStreamAsync(int streamId, CancellationToken ct) => SendAsync(SpdyFrames.Data(streamId, [], fin: true), ct);

    /// <summary>
    /// Reads frames until the peer closes the connection, answering its PINGs itself; yields the others (data,
    /// replies, resets, GOAWAY, and any it does not know, which a client may ignore).
    /// </summary>
    public async IAsyncEnumerable<SpdyFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var header = new byte[SpdyFrames.HeaderLength];
        while (true)
        {
            if (!await ReadExactlyOrEndAsync(header, ct).ConfigureAwait(false)) yield break;
            var (type, streamId, flags, length) = SpdyFrames.ReadHeader(header);
            var payload = new byte[length];
            if (length > 0 && !await ReadExactlyOrEndAsync(payload, ct).ConfigureAwait(false))
                throw new SpdyException("the streaming server closed the connection in the middle of a frame");
            var frame = SpdyFrames.Frame(type, streamId, flags, payload);
            if (frame.Type == SpdyFrameType.Ping)
            {
                // Our own pings would be odd; the server's (even) ones are answered with the same id.
                await SendAsync(SpdyFrames.Ping(frame.StreamId), ct).ConfigureAwait(false);
                continue;
            }
            yield return frame;
        }
    }

    async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken ct)
    {
        var read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (read == 0) return false;
        if (read < buffer.Length) throw new SpdyException("the streaming server closed the connection in the middle of a frame");
        return true;
    }

    async Task SendAsync(byte[] frame, CancellationToken ct)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, ct).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    // The response head is read byte by byte so that no SPDY frame after it is consumed by mistake; a non-101 answer's
    // body (up to its Content-Length) is returned as the rest.
    static async Task<(int Status, Dictionary<string, string> Headers, byte[] Body)> ReadResponseHeadAsync(Socket socket, CancellationToken ct)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (head.Count >= MaxUpgradeResponse) throw new SpdyException("the streaming server's answer has no end of headers");
            if (await socket.ReceiveAsync(one, ct).ConfigureAwait(false) == 0) throw new SpdyException("the streaming server closed the connection before answering");
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var statusLine = lines[0].Split(' ', 3);
        if (statusLine.Length < 2 || !statusLine[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(statusLine[1], CultureInfo.InvariantCulture, out var status))
            throw new SpdyException($"the streaming server answered \"{lines[0]}\"");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        if (status == 101 || !headers.TryGetValue("content-length", out var lengthText) || !int.TryParse(lengthText, CultureInfo.InvariantCulture, out var length))
            return (status, headers, []);
        var body = new byte[Math.Min(length, MaxUpgradeResponse)];
        var read = 0;
        while (read < body.Length)
        {
            var n = await socket.ReceiveAsync(body.AsMemory(read), ct).ConfigureAwait(false);
            if (n == 0) break;
            read += n;
        }
        return (status, headers, body[..read]);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _writing.Dispose();
    }
}
