using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodLife.Core.Client;

/// <summary>
/// Reads timestamps in the forms the API server writes metav1.Time and metav1.MicroTime, in UTC
/// (<c>2026-12-04T17:00:00Z</c>, <c>2026-12-04T17:00:00.123456Z</c>), straight from the UTF-8 bytes; anything else goes
/// to KubernetesClient's own converter, which makes a string of every timestamp before parsing it. Both give the same
/// DateTime (kind Utc). Writing is the client's.
/// </summary>
public sealed class Rfc3339DateTimeReader(JsonConverter<DateTime> fallback) : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped
            && TryParse(reader.ValueSpan, out var value)
            ? value
            : fallback.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => fallback.Write(writer, value, options);

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ssZ</c>, or with a fraction of one or more digits before the <c>Z</c> (metav1.MicroTime writes
    /// six), with a valid date and time; false for every other form (offsets, leap seconds, escapes). A fraction counts
    /// to its seventh digit (100 ns, a tick) and the rest is cut off, as KubernetesClient reads it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out DateTime value)
    {
        value = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[^1] != 'Z')
            return false;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var ticks = 0L;
        if (s.Length > 20)
        {
            var fraction = s[20..^1];
            if (s[19] != '.' || fraction.IsEmpty || !AllDigits(fraction)) return false;
            for (var i = 0; i < 7; i++) ticks = ticks * 10 + (i < fraction.Length ? fraction[i] - '0' : 0);
        }
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    static bool AllDigits(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
            if (b is < (byte)'0' or > (byte)'9') return false;
        return true;
    }

    static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9') return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }
}
