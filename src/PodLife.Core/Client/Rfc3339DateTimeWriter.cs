using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodLife.Core.Client;

/// <summary>
/// Writes a UTC <see cref="DateTime"/> as KubernetesClient's converter does (<c>2026-12-04T20:01:02Z</c>, or with six
/// fraction digits, truncated, when the time is not a whole second) straight into the writer: KubernetesClient's
/// converter formats every timestamp to a string first, and a node serializes 5–8 of them per pod status it computes.
/// Other kinds, and reading, are KubernetesClient's converter's.
/// </summary>
public sealed class Rfc3339DateTimeWriter(JsonConverter<DateTime> kubernetes) : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        kubernetes.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        if (value.Kind != DateTimeKind.Utc)
        {
            kubernetes.Write(writer, value, options);
            return;
        }
        Span<byte> text = stackalloc byte[Rfc3339Format.MicrosecondsLength];
        var length = value.Ticks % TimeSpan.TicksPerSecond == 0 ? Rfc3339Format.Seconds(value, text) : Rfc3339Format.Microseconds(value, text);
        writer.WriteStringValue(text[..length]);
    }
}
