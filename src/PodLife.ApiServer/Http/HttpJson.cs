using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace PodLife.ApiServer.Http;

/// <summary>Reading request bodies and writing JSON answers the way kube-apiserver frames them.</summary>
public static class HttpJson
{
    /// <summary>kube-apiserver's default limit on request bodies (3 MiB, genericapiserver MaxRequestBodyBytes).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>Escapes only what JSON requires, so messages read like kube-apiserver's ("pods \"x\"" rather than \u0022).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = WriterOptions.Encoder };

    public static async Task WriteAsync(HttpContext ctx, JsonNode body, int status = 200, string contentType = "application/json")
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        await using (var writer = new Utf8JsonWriter(ctx.Response.BodyWriter, WriterOptions))
            body.WriteTo(writer);
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>
    /// Writes a JSON answer produced piece by piece (long lists): <paramref name="write"/> gets a writer over the
    /// response body and may hand full buffers on with <see cref="FlushWhenFullAsync"/>.
    /// </summary>
    public static async Task StreamAsync(HttpContext ctx, Func<Utf8JsonWriter, PipeWriter, Task> write, int status = 200)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(ctx.Response.BodyWriter, WriterOptions))
            await write(writer, ctx.Response.BodyWriter);
        await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>
    /// Sends what the writer holds after every <see cref="StreamChunkItems"/>th item of a long answer, so the client
    /// starts reading early and the server's buffers stay small however long the list.
    /// </summary>
    public static async ValueTask FlushEveryChunkAsync(Utf8JsonWriter writer, PipeWriter body, int itemIndex, CancellationToken ct)
    {
        if (itemIndex % StreamChunkItems != StreamChunkItems - 1) return;
        writer.Flush();
        await body.FlushAsync(ct);
    }

    const int StreamChunkItems = 128;

    public static Task WriteStatusAsync(HttpContext ctx, StatusException e) => WriteAsync(ctx, e.ToStatus(), e.Code);

    /// <summary>The request body, at most <see cref="MaxBodyBytes"/>; larger bodies are a 413.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        if (ctx.Request.ContentLength > MaxBodyBytes) throw TooLarge();
        // A declared length (what every client of ours sends) is read straight into an array of that size: a 16 KiB
        // chunk and a growing copy per request were the largest allocation of the lifecycle bench (~13% of its bytes).
        if (ctx.Request.ContentLength is { } declared) return await ReadExactlyAsync(ctx, (int)declared);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static async Task<byte[]> ReadExactlyAsync(HttpContext ctx, int length)
    {
        var body = new byte[length];
        try { await ctx.Request.Body.ReadExactlyAsync(body, ctx.RequestAborted); }
        catch (EndOfStreamException) { throw Errors.BadRequest("Unexpected end of request content."); }
        return body;
    }

    static StatusException TooLarge() => Errors.TooLarge($"Request entity too large: limit is {MaxBodyBytes}");

    /// <summary>True when the client asked for a meta.k8s.io Table (kubectl get).</summary>
    public static bool WantsTable(HttpContext ctx) =>
        ctx.Request.Headers.Accept.ToString().Split(',').Any(a => a.Contains("as=Table", StringComparison.Ordinal) && a.Contains("g=meta.k8s.io", StringComparison.Ordinal));

    /// <summary>Only JSON is served; a client that accepts nothing JSON-like gets 406 (as for protobuf-only clients).</summary>
    public static void RequireJsonAccept(HttpContext ctx)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        if (accept.Length == 0 || accept.Contains("json", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal)) return;
        throw new StatusException(406, "NotAcceptable", "only the following media types are accepted: application/json");
    }
}
