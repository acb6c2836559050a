using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodLife.Scheduler.Api;

/// <summary>
/// Decodes JSON strings into the same string instance as a recent equal value. The components of one process each keep
/// every pod and node they watch; most of their strings (namespaces, images, condition types and reasons, node names,
/// volume paths, tolerations) repeat across objects, so sharing them keeps one copy instead of one per object. A fixed
/// table keyed by a hash of the bytes bounds the memory; a collision only means a fresh string.
/// </summary>
public sealed class SharedStrings(int slots = 1 << 16) : JsonConverter<string>
{
    // Longer values (uids, timestamps inside strings, messages) are rarely shared and would only churn the table.
    const int MaxLength = 64;

    readonly string?[] _slots = new string?[slots];

    /// <summary>Makes KubernetesClient's decoder (every API client of this process) share strings; call before any client runs.</summary>
    public static void Install() => k8s.KubernetesJson.AddJsonOptions(o => o.Converters.Insert(0, new SharedStrings()));

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Shared(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Shared(ref reader)!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    string? Shared(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || reader.HasValueSequence || reader.ValueIsEscaped
            || reader.ValueSpan.Length > MaxLength)
            return reader.GetString(); // its own error for a token that is not a string
        var hash = new HashCode();
        hash.AddBytes(reader.ValueSpan);
        var index = (int)((uint)hash.ToHashCode() % (uint)_slots.Length);
        if (Volatile.Read(ref _slots[index]) is { } known && reader.ValueTextEquals(known)) return known;
        var fresh = reader.GetString()!;
        Volatile.Write(ref _slots[index], fresh);
        return fresh;
    }
}
