using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;
using System.Text;

namespace PodLife.Core.Streaming.Spdy;

/// <summary>
/// Reads the header blocks one side of a SPDY/3 session sends: one zlib stream per direction, compressed against the
/// protocol's preset dictionary, each block ending with a sync flush (spdy-protocol-draft3-1, section 2.6.10).
/// </summary>
/// <remarks>
/// .NET's inflater takes no preset dictionary; it needs none, since a dictionary is only history the first back
/// references may reach into. The decoder feeds it the dictionary as a stored deflate block first and throws the
/// inflated dictionary away, then the peer's compressed bytes, which then find the dictionary right behind them.
/// </remarks>
public sealed class SpdyHeaderDecoder : IAsyncDisposable
{
    /// <summary>Adler-32 of the dictionary: the DICTID a peer's first header block names.</summary>
    public const uint DictionaryId = 0xe3c6a7c2;

    const int MaxHeaderBytes = 1 << 20;

    readonly Pipe _compressed = new();
    readonly DeflateStream _inflater;
    bool _first = true;

    public SpdyHeaderDecoder()
    {
        _inflater = new DeflateStream(_compressed.Reader.AsStream(), CompressionMode.Decompress);
        var dictionary = Dictionary();
        var stored = new byte[5];
        BinaryPrimitives.WriteUInt16LittleEndian(stored.AsSpan(1), (ushort)dictionary.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(stored.AsSpan(3), (ushort)~dictionary.Length);
        _compressed.Writer.Write(stored);
        _compressed.Writer.Write(dictionary);
    }

    /// <summary>
    /// The SPDY/3 header dictionary: the common header names and values as length-prefixed words, then the status
    /// codes, phrases, dates and media types as one run of text (1,423 bytes).
    /// </summary>
    public static byte[] Dictionary()
    {
        string[] words =
        [
            "options", "head", "post", "put", "delete", "trace", "accept", "accept-charset", "accept-encoding",
            "accept-language", "accept-ranges", "age", "allow", "authorization", "cache-control", "connection",
            "content-base", "content-encoding", "content-language", "content-length", "content-location", "content-md5",
            "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host", "if-match",
            "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "last-modified", "location",
            "max-forwards", "pragma", "proxy-authenticate", "proxy-authorization", "range", "referer", "retry-after",
            "server", "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "vary", "via", "warning",
            "www-authenticate", "method", "get", "status", "200 OK", "version", "HTTP/1.1", "url", "public", "set-cookie",
            "keep-alive", "origin",
        ];
        const string Text =
            "100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505" +
            "203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized" +
            "403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable" +
            "Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT" +
            "chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain," +
            "text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.";
        using var bytes = new MemoryStream();
        var length = new byte[4];
        foreach (var word in words)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, word.Length);
            bytes.Write(length);
            bytes.Write(Encoding.ASCII.GetBytes(word));
        }
        bytes.Write(Encoding.ASCII.GetBytes(Text));
        return bytes.ToArray();
    }

    /// <summary>The name/value pairs of the next header block (a value with NULs stands for several, split here).</summary>
    /// <exception cref="SpdyException">The block is not zlib data against the SPDY dictionary, or not a header block.</exception>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> DecodeAsync(ReadOnlyMemory<byte> block, CancellationToken ct)
    {
        try
        {
            // Writing flushes the dictionary block written at construction too.
            await _compressed.Writer.WriteAsync(_first ? SkipZlibHeader(block) : block, ct).ConfigureAwait(false);
            if (_first)
            {
                _first = false;
                await _inflater.ReadExactlyAsync(new byte[Dictionary().Length], ct).ConfigureAwait(false);
            }
            var count = await ReadInt32Async(ct).ConfigureAwait(false);
            var headers = new List<KeyValuePair<string, string>>();
            for (var i = 0; i < count; i++)
            {
                var name = await ReadStringAsync(ct).ConfigureAwait(false);
                foreach (var value in (await ReadStringAsync(ct).ConfigureAwait(false)).Split('\0')) headers.Add(new(name, value));
            }
            return headers;
        }
        catch (InvalidDataException e)
        {
            throw new SpdyException($"bad SPDY header block: {e.Message}");
        }
    }

    // CMF and FLG, then the DICTID when FLG says a dictionary is preset.
    static ReadOnlyMemory<byte> SkipZlibHeader(ReadOnlyMemory<byte> block)
    {
        if (block.Length < 2 || (block.Span[0] & 0x0f) != 8) throw new SpdyException("a SPDY header block does not start a zlib stream");
        if ((block.Span[1] & 0x20) == 0) return block[2..];
        if (block.Length < 6 || BinaryPrimitives.ReadUInt32BigEndian(block.Span[2..]) != DictionaryId)
            throw new SpdyException("a SPDY header block names another zlib dictionary");
        return block[6..];
    }

    async Task<int> ReadInt32Async(CancellationToken ct)
    {
        var four = new byte[4];
        await _inflater.ReadExactlyAsync(four, ct).ConfigureAwait(false);
        var value = BinaryPrimitives.ReadInt32BigEndian(four);
        return value is < 0 or > MaxHeaderBytes ? throw new SpdyException($"SPDY header length {value} out of range") : value;
    }

    async Task<string> ReadStringAsync(CancellationToken ct)
    {
        var bytes = new byte[await ReadInt32Async(ct).ConfigureAwait(false)];
        await _inflater.ReadExactlyAsync(bytes, ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        await _compressed.Writer.CompleteAsync().ConfigureAwait(false);
        await _inflater.DisposeAsync().ConfigureAwait(false);
    }
}
