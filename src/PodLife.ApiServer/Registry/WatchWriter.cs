using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Tables;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// Streams a watch as line-delimited JSON {"type","object"} (objects as Tables when asked for), with BOOKMARK events
/// when allowWatchBookmarks=true and an end after timeoutSeconds.
/// </summary>
public sealed class WatchWriter(ResourceStorage storage, TimeProvider clock, TimeSpan bookmarkInterval)
{
    public async Task WriteAsync(HttpContext ctx, ResourceDefinition def, string ns, ListRequest request, CancellationToken aborted)
    {
        var query = ctx.Request.Query;
        var bookmarks = QueryFlag.IsTrue(query["allowWatchBookmarks"].ToString());
        var table = HttpJson.WantsTable(ctx);
        var include = table ? TableWriter.IncludeObject(query["includeObject"]) : "";
        // A server that stops ends its watches (clients then re-watch elsewhere), as kube-apiserver does; an open
        // watch would otherwise hold Kestrel's graceful shutdown for its whole timeout.
        var stopping = ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        if (query["timeoutSeconds"].ToString() is { Length: > 0 } t)
        {
            if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                throw Errors.BadRequest($"timeoutSeconds: Invalid value: \"{t}\": must be a non-negative integer");
            cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var events = storage.WatchAsync(def, ns, request, cts.Token).GetAsyncEnumerator(cts.Token);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.Headers.CacheControl = "no-cache, private";
        await ctx.Response.StartAsync(aborted);
        // Send the headers now: a watch from a recent resourceVersion may have nothing to say for a long time.
        await ctx.Response.BodyWriter.FlushAsync(aborted);
        var lastRevision = request.ResourceVersion is { } rv && rv != "0" ? ResourceStorage.ParseResourceVersion(rv) : 0;
        var firstTable = true;
        var body = ctx.Response.BodyWriter;
        // The next event, asked for but not yet taken: as the ValueTask the enumerator gives, or as a Task once a
        // bookmark's timer races it (a Task per event only then).
        ValueTask<bool>? pending = null;
        Task<bool>? racing = null;
        Task? tick = null;
        try
        {
            while (true)
            {
                pending ??= racing is null ? events.MoveNextAsync() : null;
                // Events already waiting go out in one write; the stream is flushed once nothing more is queued.
                if (!(racing?.IsCompleted ?? pending!.Value.IsCompleted)) await body.FlushAsync(cts.Token);
                if (bookmarks)
                {
                    racing ??= pending!.Value.AsTask();
                    pending = null;
                    tick ??= Task.Delay(bookmarkInterval, clock, cts.Token);
                    if (await Task.WhenAny(racing, tick) == tick)
                    {
                        tick = null;
                        if (lastRevision > 0) WriteEvent(body, "BOOKMARK", w => Bookmark(def, lastRevision).WriteTo(w));
                        continue;
                    }
                }
                // Taken before it is awaited: awaited once, it has ended, even if it threw.
                var (asked, raced) = (pending, racing);
                (pending, racing) = (null, null);
                if (!(raced is not null ? await raced : await asked!.Value)) break;
                var item = events.Current;
                lastRevision = Math.Max(lastRevision, item.Revision);
                if (table && item.Type != "ERROR")
                {
                    var meta = new JsonObject { ["resourceVersion"] = item.Object.ResourceVersion };
                    await WriteTableEventAsync(body, item.Type, def, item.Object, meta, include, firstTable, cts.Token);
                    firstTable = false;
                }
                else if (item.Object.TryGetEncoded(out var encoded)) WriteEncodedEvent(body, item.Type, encoded.Span);
                else WriteEvent(body, item.Type, w => item.Object.WriteTo(w));
            }
            await body.FlushAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away or timeoutSeconds passed: the stream simply ends.
        }
        finally
        {
            // The enumerator may not be disposed while it is still moving.
            if (racing is not null) await Task.WhenAny(racing);
            else if (pending is { } moving) await Ended(moving);
            await events.DisposeAsync();
        }
    }

    static async Task Ended(ValueTask<bool> moving)
    {
        try
        {
            await moving;
        }
        catch (Exception)
        {
            // Cancelled with the watch: only its end matters here.
        }
    }

    static JsonObject Bookmark(ResourceDefinition def, long revision) => new()
    {
        ["kind"] = def.Kind,
        ["apiVersion"] = def.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
    };

    // A change goes to every watcher of it already encoded: copied as it is, without a JSON writer per watcher. The
    // event types are plain ASCII words that need no escaping.
    static void WriteEncodedEvent(PipeWriter body, string type, ReadOnlySpan<byte> encoded)
    {
        body.Write("{\"type\":\""u8);
        var typeBytes = body.GetSpan(type.Length);
        var written = System.Text.Encoding.ASCII.GetBytes(type, typeBytes);
        body.Advance(written);
        body.Write("\",\"object\":"u8);
        body.Write(encoded);
        body.Write("}\n"u8);
    }

    static void WriteEvent(PipeWriter body, string type, Action<Utf8JsonWriter> writeObject)
    {
        using (var writer = new Utf8JsonWriter(body, HttpJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("object");
            writeObject(writer);
            writer.WriteEndObject();
        }
        body.Write("\n"u8);
    }

    async Task WriteTableEventAsync(PipeWriter body, string type, ResourceDefinition def, StoredObject obj, JsonObject meta, string include,
        bool withColumns, CancellationToken ct)
    {
        await using (var writer = new Utf8JsonWriter(body, HttpJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("object");
            await TableWriter.WriteAsync(writer, body, def.Strategy.Table, [obj], meta, storage.Now, include, ct, withColumns);
            writer.WriteEndObject();
        }
        body.Write("\n"u8);
    }
}
