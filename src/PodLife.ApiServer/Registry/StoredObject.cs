using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.Core.Client;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// An object as read from the store (or built in memory), decoded only as far as its reader needs: a list written
/// as a Table never builds a JSON tree, and a watch event shared by many watchers is parsed and encoded once.
/// </summary>
public sealed class StoredObject
{
    readonly ResourceDefinition? _def;
    readonly KeyValue? _kv;
    JsonObject? _object;
    byte[]? _wire;
    // The stored bytes were encoded by this process (a write's answer, or a recent write the store kept in memory), not
    // read back from a file or another server: they are copied out without being checked as JSON again.
    bool _encodedHere;
    object? _model;

    StoredObject(ResourceDefinition? def, KeyValue? kv, JsonObject? obj)
    {
        _def = def;
        _kv = kv;
        _object = obj;
    }

    /// <summary>The value of <paramref name="kv"/> as <paramref name="def"/>'s view shows it, with the store revision as resourceVersion.</summary>
    public static StoredObject FromStore(ResourceDefinition def, KeyValue kv) => new(def, kv, null) { _encodedHere = kv.WrittenHere };

    /// <summary>An object already in memory (a Status, a dry run's answer); written as it is.</summary>
    public static StoredObject Of(JsonObject obj, ResourceDefinition? def = null) => new(def, null, obj);

    /// <summary>
    /// An object just written: its tree as <paramref name="def"/>'s view shows it, with its new resourceVersion, and the
    /// value <paramref name="kv"/> stored for it. Where the kind has no view, its answer is copied from the stored bytes,
    /// as a watch event of it is, instead of encoding the tree again.
    /// </summary>
    public static StoredObject Written(ResourceDefinition def, KeyValue kv, JsonObject obj) => new(def, kv, obj) { _encodedHere = true };

    /// <summary>
    /// The object as a JSON tree, parsed on first use and then fully materialized, so that many threads may read it
    /// (a watch event is matched against every watcher's selectors). Callers must not change it.
    /// </summary>
    public JsonObject Object => _object ?? LazyInitializer.EnsureInitialized(ref _object, () => Materialized(ResourceStorage.Read(_def!, _kv!)));

    /// <summary>The stored value this object was read from (null for one built in memory).</summary>
    public KeyValue? Kv => _kv;

    public string ResourceVersion => _kv is { } kv ? Revision(kv) : Object.ResourceVersion();

    /// <summary>The object in its stored form (before the definition's view) as the model type, for printers; decoded once.</summary>
    /// <param name="options">How to decode it (a printer's options may skip what it does not read); the model is then
    /// kept for that reader only: printers are the one reader of models.</param>
    /// <param name="read">A reader of the stored bytes made for the printer (null, or null back: decode with
    /// <paramref name="options"/>).</param>
    public T StoredModel<T>(System.Text.Json.JsonSerializerOptions? options = null, Func<ReadOnlySpan<byte>, T?>? read = null) where T : class
    {
        if (Volatile.Read(ref _model) is T cached) return cached;
        T model;
        if (_kv is { } kv) model = read?.Invoke(kv.Value) ?? ObjectCodec.As<T>(kv.Value, options);
        else model = ObjectCodec.As<T>(_def?.View is { } view ? view.ToStored(Object) : Object, options);
        Volatile.Write(ref _model, model);
        return model;
    }

    /// <summary>Writes the object; without <paramref name="typeMeta"/> it leaves out kind and apiVersion (items of a typed list).</summary>
    public void WriteTo(Utf8JsonWriter writer, bool typeMeta = true)
    {
        if (typeMeta && Volatile.Read(ref _wire) is { } wire)
        {
            writer.WriteRawValue(wire, skipInputValidation: true);
            return;
        }
        if (_kv is null || _def?.View is not null)
        {
            WriteTree(writer, Object, typeMeta);
            return;
        }
        if (typeMeta && TryWriteStoredWithRevision(writer)) return;
        using var doc = JsonDocument.Parse(_kv.Value);
        writer.WriteStartObject();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (!typeMeta && property.NameEquals("kind") || !typeMeta && property.NameEquals("apiVersion")) continue;
            if (property.NameEquals("metadata") && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName("metadata");
                WriteMetadata(writer, property.Value);
            }
            else property.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The object's metadata as a JSON object value (for PartialObjectMetadata rows).</summary>
    public void WriteMetadataTo(Utf8JsonWriter writer)
    {
        if (_kv is null || _def?.View is not null)
        {
            Object.Metadata().WriteTo(writer);
            return;
        }
        // Only the metadata is parsed (it comes first in what we store): a Table row of a pod needs no more of it.
        var reader = new Utf8JsonReader(_kv.Value);
        if (ToMetadata(ref reader))
        {
            WriteStoredMetadata(writer, ref reader);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("resourceVersion", Revision(_kv));
        writer.WriteEndObject();
    }

    /// <summary>
    /// The whole object encoded once and kept, for objects that many writers send (watch events): every later
    /// <see cref="WriteTo"/> with type meta copies these bytes.
    /// </summary>
    public StoredObject Encoded()
    {
        if (Volatile.Read(ref _wire) is not null) return this;
        // Written into the thread's scratch buffer and copied out once at its size. A buffer of its own per change made
        // two copies of every watched object (together 5 % of the bytes `bench lifecycle` allocated); now one is made.
        Volatile.Write(ref _wire, ScratchJson.Use(this, static (writer, obj) => obj.WriteTo(writer), static json => json.ToArray(), HttpJson.WriterOptions));
        return this;
    }

    /// <summary>The object as an item of a typed list writes it (no kind or apiVersion), as bytes.</summary>
    public byte[] EncodeListItem() =>
        ScratchJson.Use(this, static (writer, obj) => obj.WriteTo(writer, typeMeta: false), static json => json.ToArray(), HttpJson.WriterOptions);

    /// <summary>The whole object as <see cref="Encoded"/> keeps it, with kind and apiVersion; false until then.</summary>
    public bool TryGetEncoded(out ReadOnlyMemory<byte> encoded)
    {
        var wire = Volatile.Read(ref _wire);
        encoded = wire;
        return wire is not null;
    }

    /// <summary>
    /// The stored metadata object the reader is at, as it is stored, with the store revision added as its
    /// resourceVersion: its bytes are copied, not parsed into a document and encoded again, as a page of a Table writes
    /// 500 of them. One that holds a resourceVersion (never stored so; defensive) is rewritten without it.
    /// </summary>
    void WriteStoredMetadata(Utf8JsonWriter writer, ref Utf8JsonReader reader)
    {
        var start = (int)reader.TokenStartIndex;
        var copy = reader;
        if (!ScanMetadata(ref reader, out var close, out var empty))
        {
            using var metadata = JsonDocument.ParseValue(ref copy);
            WriteMetadata(writer, metadata.RootElement);
            return;
        }
        WriteWithRevision(writer, _kv!.Value.AsSpan(start, close - start), "}"u8, comma: !empty, validate: false);
    }

    /// <summary>
    /// The whole stored object as it is stored, with the store revision added as metadata.resourceVersion: its bytes
    /// are copied, not parsed into a document and encoded again (every watched change is written so once). False, with
    /// nothing written, when the stored form is not the usual one (a metadata that is not first-level, or that holds a
    /// resourceVersion); the caller then writes it the long way.
    /// </summary>
    bool TryWriteStoredWithRevision(Utf8JsonWriter writer)
    {
        var value = _kv!.Value;
        var reader = new Utf8JsonReader(value);
        if (!ToMetadata(ref reader) || !ScanMetadata(ref reader, out var close, out var empty)) return false;
        // The rest is not read here: the writer checks the whole value as it copies it, so a damaged row fails rather
        // than going out as broken JSON. Bytes this process has just encoded need no such check.
        WriteWithRevision(writer, value.AsSpan(0, close), value.AsSpan(close), comma: !empty, validate: !_encodedHere);
        return true;
    }

    // Moves the reader onto the stored object's first-level metadata object (it comes first in what we store); false
    // when there is none.
    static bool ToMetadata(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            reader.Read();
            if (isMetadata && reader.TokenType == JsonTokenType.StartObject) return true;
            reader.Skip();
        }
        return false;
    }

    // Reads the members of the metadata object the reader is at: `close` is where its closing brace is and `empty`
    // whether it has no members; false, stopped early, at a resourceVersion (never stored so; defensive).
    static bool ScanMetadata(ref Utf8JsonReader reader, out int close, out bool empty)
    {
        (close, empty) = (0, true);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("resourceVersion"u8)) return false;
            empty = false;
            reader.Read();
            reader.Skip();
        }
        close = (int)reader.TokenStartIndex;
        return true;
    }

    // Writes `before`, then "resourceVersion":"<revision>" (after a comma when the object has members), then `after`.
    void WriteWithRevision(Utf8JsonWriter writer, ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, bool comma, bool validate)
    {
        Span<byte> revision = stackalloc byte[24];
        _kv!.ModRevision.TryFormat(revision, out var digits, default, CultureInfo.InvariantCulture);
        var name = comma ? ",\"resourceVersion\":\""u8 : "\"resourceVersion\":\""u8;
        var length = before.Length + name.Length + digits + 1 + after.Length;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = rented.AsSpan();
            before.CopyTo(at);
            name.CopyTo(at[before.Length..]);
            revision[..digits].CopyTo(at[(before.Length + name.Length)..]);
            at[before.Length + name.Length + digits] = (byte)'"';
            after.CopyTo(at[(length - after.Length)..]);
            writer.WriteRawValue(at[..length], skipInputValidation: !validate);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // The stored metadata never holds a resourceVersion (the store revision is it), so it is added here.
    void WriteMetadata(Utf8JsonWriter writer, JsonElement metadata)
    {
        writer.WriteStartObject();
        foreach (var property in metadata.EnumerateObject())
            if (!property.NameEquals("resourceVersion")) property.WriteTo(writer);
        writer.WriteString("resourceVersion", Revision(_kv!));
        writer.WriteEndObject();
    }

    static void WriteTree(Utf8JsonWriter writer, JsonObject obj, bool typeMeta)
    {
        if (typeMeta)
        {
            obj.WriteTo(writer);
            return;
        }
        writer.WriteStartObject();
        foreach (var (name, value) in obj)
        {
            if (name is "kind" or "apiVersion") continue;
            writer.WritePropertyName(name);
            if (value is null) writer.WriteNullValue();
            else value.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    static string Revision(KeyValue kv) => kv.ModRevision.ToString(CultureInfo.InvariantCulture);

    // A parsed JsonObject builds its children on first access, which is not safe from several threads at once.
    static JsonObject Materialized(JsonObject obj)
    {
        Walk(obj);
        return obj;

        static void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, child) in o) Walk(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Walk(child);
                    break;
            }
        }
    }
}
