using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using PodLife.Core.Streaming;

namespace PodLife.Node.Runtime.Simulated;

/// <summary>
/// One TCP connection to a simulated HTTP server, as a port-forward carries it: HTTP/1.1 requests in, the server's
/// answers (its routes and document root, as probes see them) out, kept alive until the client closes or asks to.
/// A server that speaks no HTTP closes the connection at the first request.
/// </summary>
internal static class SimulatedHttpConnection
{
    const int MaxHead = 64 * 1024;

    /// <summary>The client's ends of a new connection; <paramref name="answer"/> answers a request (method, path).</summary>
    public static IDuplexPipe Open(Func<string, string, CancellationToken, Task<HttpGetResult>> answer) =>
        PipeConnection.Open((requests, responses) => ServeAsync(requests, responses, answer));

    static async Task ServeAsync(PipeReader requests, PipeWriter responses, Func<string, string, CancellationToken, Task<HttpGetResult>> answer)
    {
        try
        {
            while (await ReadRequestAsync(requests) is { } request)
            {
                var result = await answer(request.Method, request.Path, CancellationToken.None).ConfigureAwait(false);
                if (result.StatusCode == 0) break;
                await responses.WriteAsync(Response(request, result)).ConfigureAwait(false);
                if (!request.KeepAlive) break;
            }
        }
        catch (InvalidDataException)
        {
            // Not HTTP: a server closes such a connection.
        }
        await requests.CompleteAsync().ConfigureAwait(false);
        await responses.CompleteAsync().ConfigureAwait(false);
    }

    sealed record Request(string Method, string Path, bool KeepAlive);

    // The request line and headers, then the body (skipped: the simulated servers answer by path alone).
    static async Task<Request?> ReadRequestAsync(PipeReader reader)
    {
        while (true)
        {
            var read = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = read.Buffer;
            var end = Find(buffer, "\r\n\r\n"u8);
            if (end is null)
            {
                if (read.IsCompleted || buffer.Length > MaxHead)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            var head = Encoding.ASCII.GetString(buffer.Slice(0, end.Value));
            reader.AdvanceTo(buffer.GetPosition(end.Value + 4));
            var lines = head.Split("\r\n");
            var parts = lines[0].Split(' ');
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal)) throw new InvalidDataException("not an HTTP/1.x request");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            if (headers.TryGetValue("Content-Length", out var text) && long.TryParse(text, CultureInfo.InvariantCulture, out var length) && length > 0)
                await SkipAsync(reader, length).ConfigureAwait(false);
            var connection = headers.GetValueOrDefault("Connection") ?? "";
            var keepAlive = parts[2] == "HTTP/1.1"
                ? !connection.Equals("close", StringComparison.OrdinalIgnoreCase)
                : connection.Equals("keep-alive", StringComparison.OrdinalIgnoreCase);
            return new Request(parts[0], parts[1], keepAlive);
        }
    }

    static async Task SkipAsync(PipeReader reader, long length)
    {
        while (length > 0)
        {
            var read = await reader.ReadAsync().ConfigureAwait(false);
            var take = Math.Min(length, read.Buffer.Length);
            reader.AdvanceTo(read.Buffer.GetPosition(take));
            length -= take;
            if (read.IsCompleted && take == 0) return;
        }
    }

    static long? Find(ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> marker)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> before, marker, advancePastDelimiter: false) ? before.Length : null;
    }

    static byte[] Response(Request request, HttpGetResult answer)
    {
        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = new StringBuilder()
            // Only a static file answers 405, and nginx words it "Not Allowed".
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.StatusCode} {(answer.StatusCode == 405 ? "Not Allowed" : ReasonPhrases.GetReasonPhrase(answer.StatusCode))}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {DateTime.UtcNow:R}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {(answer.Body.TrimStart().StartsWith('<') ? "text/html" : "text/plain")}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
            .Append(request.KeepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n")
            .Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        return request.Method == "HEAD" ? bytes : [.. bytes, .. body];
    }
}
