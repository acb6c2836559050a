using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodLife.Core.Explain;

/// <summary>The <c>-o json</c> form of an explanation: camelCase fields, enums as strings, nulls left out.</summary>
public static class ExplanationJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(PodExplanation explanation) => JsonSerializer.Serialize(explanation, Options);

    public static PodExplanation? Deserialize(string json) => JsonSerializer.Deserialize<PodExplanation>(json, Options);
}
