using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;

namespace PodLife.Core.Client;

/// <summary>
/// KubernetesClient's own serializer options (its converters for quantities, IntOrString, timestamps), for decoding
/// and encoding models straight from and to UTF-8 bytes or JSON trees, without KubernetesJson's detour through strings.
/// </summary>
public static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = Capture();

    /// <summary>
    /// Makes KubernetesClient's own serializer, which every client call of this process uses for its request bodies and
    /// responses, read and write timestamps as <see cref="DecodeOptions"/> and <see cref="EncodeOptions"/> do (the same
    /// values and text, without a string and a format parse each). Call at start-up, before any client runs.
    /// </summary>
    public static void InstallTimestampConverters() => KubernetesJson.AddJsonOptions(AddTimestampConverters);

    /// <summary>Puts the timestamp converters of <see cref="InstallTimestampConverters"/> in front of the ones <paramref name="options"/> has.</summary>
    public static void AddTimestampConverters(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = options.Converters.OfType<JsonConverter<DateTime>>().FirstOrDefault()
            ?? throw new InvalidOperationException("KubernetesClient's options have no timestamp converter");
        options.Converters.Insert(0, new Rfc3339DateTimeReader(new Rfc3339DateTimeWriter(client)));
    }

    /// <summary>
    /// <see cref="Options"/> for decoding what the components watch: the same models and converters, timestamps in the
    /// API server's own form read without a string each (<see cref="Rfc3339DateTimeReader"/>). Built on first
    /// use, after converters added at startup (SharedStrings) have joined <see cref="Options"/>.
    /// </summary>
    public static JsonSerializerOptions DecodeOptions => LazyDecodeOptions.Value;

    static readonly Lazy<JsonSerializerOptions> LazyDecodeOptions = new(() =>
    {
        var decode = new JsonSerializerOptions(Options);
        decode.Converters.Insert(0, new Rfc3339DateTimeReader((JsonConverter<DateTime>)Options.GetConverter(typeof(DateTime))));
        return decode;
    });

    /// <summary>
    /// <see cref="Options"/> for encoding request bodies and statuses to UTF-8: the same bytes as KubernetesClient's
    /// serialization, UTC timestamps written without a string each (<see cref="Rfc3339DateTimeWriter"/>). Built on
    /// first use, as <see cref="DecodeOptions"/>.
    /// </summary>
    public static JsonSerializerOptions EncodeOptions => LazyEncodeOptions.Value;

    static readonly Lazy<JsonSerializerOptions> LazyEncodeOptions = new(() =>
    {
        var encode = new JsonSerializerOptions(Options);
        encode.Converters.Insert(0, new Rfc3339DateTimeWriter((JsonConverter<DateTime>)Options.GetConverter(typeof(DateTime))));
        return encode;
    });

    /// <summary>
    /// <see cref="DecodeOptions"/> that skip, as the reader skips unknown fields, the properties named (by JSON name) for
    /// each model type, so a reader that needs part of an object does not build the rest. Call it after start-up
    /// (SharedStrings), and keep what it returns: each call makes options with a cache of their own.
    /// </summary>
    /// <param name="shareStrings">
    /// False for objects that do not outlive the call (a row printed, a body checked): they skip the converters added at
    /// start-up to share strings among the objects the components keep, whose table lookups would be wasted on them.
    /// </param>
    public static JsonSerializerOptions DecodeSkipping(IReadOnlyDictionary<Type, string[]> skipped, bool shareStrings = true)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        return WithPropertiesRemoved(shareStrings, (type, name) => skipped.TryGetValue(type, out var names) && Array.IndexOf(names, name) >= 0);
    }

    /// <summary>
    /// <see cref="DecodeOptions"/> that read, for each model type listed, only the properties named (by JSON name) and skip
    /// the rest as unknown fields are skipped; other types are read whole. For a reader that needs a few fields of large
    /// objects. Keep what it returns, as for <see cref="DecodeSkipping"/>.
    /// </summary>
    public static JsonSerializerOptions DecodeKeeping(IReadOnlyDictionary<Type, string[]> kept, bool shareStrings = true)
    {
        ArgumentNullException.ThrowIfNull(kept);
        return WithPropertiesRemoved(shareStrings, (type, name) => kept.TryGetValue(type, out var names) && Array.IndexOf(names, name) < 0);
    }

    static JsonSerializerOptions WithPropertiesRemoved(bool shareStrings, Func<Type, string, bool> removed) =>
        new(shareStrings ? DecodeOptions : WithoutStringSharing(DecodeOptions))
        {
            TypeInfoResolver = (DecodeOptions.TypeInfoResolver ?? throw new InvalidOperationException("KubernetesClient's options have no type resolver"))
                .WithAddedModifier(info =>
                {
                    for (var i = info.Properties.Count - 1; i >= 0; i--)
                        if (removed(info.Type, info.Properties[i].Name)) info.Properties.RemoveAt(i);
                }),
        };

    /// <summary>
    /// <see cref="Options"/> for objects that do not outlive the call (a request body checked, an object admitted or
    /// printed): without the converters that share strings among long-lived objects.
    /// </summary>
    public static JsonSerializerOptions TransientOptions => LazyTransientOptions.Value;

    static readonly Lazy<JsonSerializerOptions> LazyTransientOptions = new(() => WithoutStringSharing(Options));

    /// <summary>A copy of the options without converters for strings.</summary>
    /// <remarks>KubernetesClient has no string converter of its own: any is one added at start-up to share strings.</remarks>
    public static JsonSerializerOptions WithoutStringSharing(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        for (var i = copy.Converters.Count - 1; i >= 0; i--)
            if (copy.Converters[i] is JsonConverter<string>) copy.Converters.RemoveAt(i);
        return copy;
    }

    static JsonSerializerOptions Capture()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesClient did not hand out its serializer options");
    }
}
