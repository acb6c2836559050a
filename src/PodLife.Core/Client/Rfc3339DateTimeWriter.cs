using System.Globalization;
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
    const string WholeSeconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";
    const string Microseconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        kubernetes.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[32];
        var format = value.Ticks % TimeSpan.TicksPerSecond == 0 ? WholeSeconds : Microseconds;
        if (value.Kind == DateTimeKind.Utc && value.TryFormat(text, out var length, format, CultureInfo.InvariantCulture))
        {
            writer.WriteStringValue(text[..length]);
            return;
        }
        kubernetes.Write(writer, value, options);
    }
}
