using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>The <c>-o json</c> form of an explanation: camelCase fields, enums as strings, nulls left out.</summary>
public static class ExplanationJson
{
    // Source-generated: the records' constructors and the enum converters are compiled in, so the native binary
    // (which cannot make serializers for them at run time) writes and reads explanations too.
    static readonly JsonTypeInfo<PodExplanation> Info = (JsonTypeInfo<PodExplanation>)new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters =
        {
            new JsonStringEnumConverter<LifecycleStage>(JsonNamingPolicy.CamelCase),
            new JsonStringEnumConverter<PodHealth>(JsonNamingPolicy.CamelCase),
        },
        TypeInfoResolver = ExplanationJsonContext.Default,
    }.GetTypeInfo(typeof(PodExplanation));

    public static string Serialize(PodExplanation explanation) => JsonSerializer.Serialize(explanation, Info);

    public static PodExplanation? Deserialize(string json) => JsonSerializer.Deserialize(json, Info);
}

[JsonSerializable(typeof(PodExplanation))]
partial class ExplanationJsonContext : JsonSerializerContext;
