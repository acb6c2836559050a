using System.Buffers;
using System.Text.Json;

namespace PodLife.Core.Client;

/// <summary>
/// One UTF-8 JSON buffer and writer per thread, for code on hot paths that writes a small document only to decode or
/// copy it at once: no buffer, writer or intermediate array per call. A rare huge document does not keep its buffer
/// to the thread, and a call made while the thread's buffer is in use (one inside another's callback) gets its own.
/// </summary>
public static class ScratchJson
{
    /// <summary>Reads the bytes written; they are valid only during the call.</summary>
    public delegate TResult Reader<out TResult>(ReadOnlySpan<byte> json);

    const int MaxKeptBuffer = 64 * 1024;

    [ThreadStatic] static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] static Utf8JsonWriter? t_writer;
    [ThreadStatic] static bool t_inUse;

    /// <summary>Writes a document with <paramref name="write"/>, then hands its bytes to <paramref name="read"/>.</summary>
    public static TResult Use<TState, TResult>(TState state, Action<Utf8JsonWriter, TState> write, Reader<TResult> read, JsonWriterOptions options = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        if (t_inUse)
        {
            var own = new ArrayBufferWriter<byte>(1024);
            using var ownWriter = new Utf8JsonWriter(own, options);
            write(ownWriter, state);
            ownWriter.Flush();
            return read(own.WrittenSpan);
        }
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        var w = t_writer;
        if (w is null || !SameOptions(w.Options, options)) t_writer = w = new Utf8JsonWriter(buffer, options);
        else w.Reset(buffer);
        t_inUse = true;
        try
        {
            write(w, state);
            w.Flush();
            return read(buffer.WrittenSpan);
        }
        finally
        {
            t_inUse = false;
            w.Reset();
            if (buffer.Capacity > MaxKeptBuffer) t_buffer = null;
            else buffer.ResetWrittenCount();
        }
    }

    /// <summary>Decodes the document <paramref name="write"/> writes into the model with KubernetesClient's options.</summary>
    public static T? Decode<T, TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Use(state, write, static json => JsonSerializer.Deserialize<T>(json, ModelJson.Options));

    // JsonWriterOptions has no Equals of its own (the default one boxes and reflects).
    static bool SameOptions(JsonWriterOptions a, JsonWriterOptions b) =>
        ReferenceEquals(a.Encoder, b.Encoder) && a.Indented == b.Indented && a.SkipValidation == b.SkipValidation && a.MaxDepth == b.MaxDepth
        && a.IndentCharacter == b.IndentCharacter && a.IndentSize == b.IndentSize && a.NewLine == b.NewLine;
}
