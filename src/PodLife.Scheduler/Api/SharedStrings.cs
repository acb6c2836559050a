using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PodLife.Scheduler.Api;

/// <summary>
/// Decodes JSON strings into the same string instance as a recent equal value. The components of one process each keep
/// every pod and node they watch; most of their strings (namespaces, images, condition types and reasons, node names,
/// volume paths, tolerations) repeat across objects, so sharing them keeps one copy instead of one per object. A fixed
/// table keyed by a hash of the bytes bounds the memory; a collision only means a fresh string.
/// </summary>
public sealed class SharedStrings : JsonConverter<string>
{
    // Longer values (uids, timestamps inside strings, messages) are rarely shared and would only churn the table.
    const int MaxLength = 64;

    // A slot keeps its string's hash beside it: most values looked up (names, uids, times) are not the slot's string,
    // and comparing the hashes tells so without reading the string, which sits elsewhere in the heap (a cache miss that
    // was half of this converter's time).
    readonly record struct Slot(int Hash, string Value);

    readonly Slot[] _slots;
    readonly int _mask;

    /// <param name="slots">The table's size: a power of two.</param>
    public SharedStrings(int slots = 1 << 16)
    {
        if (!BitOperations.IsPow2(slots)) throw new ArgumentOutOfRangeException(nameof(slots), slots, "must be a power of two");
        _slots = new Slot[slots];
        _mask = slots - 1;
    }

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
        var hash = Hash(reader.ValueSpan);
        ref var slot = ref _slots[hash & _mask];
        // A slot is written whole by one thread while another may read it: a torn read at worst pairs a hash with
        // another string, which the comparison of the text then refuses.
        var known = slot;
        if (known.Hash == hash && known.Value is { } value && reader.ValueTextEquals(value)) return value;
        var fresh = reader.GetString()!;
        slot = new Slot(hash, fresh);
        return fresh;
    }

    // A multiply-and-rotate hash over eight bytes at a time (the values are at most MaxLength bytes).
    static int Hash(ReadOnlySpan<byte> bytes)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        var h = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= 8)
        {
            h = (BitOperations.RotateLeft(h, 23) ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Multiplier;
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * i);
        h = (BitOperations.RotateLeft(h, 23) ^ tail) * Multiplier;
        return (int)(h >> 32) ^ (int)h;
    }
}
