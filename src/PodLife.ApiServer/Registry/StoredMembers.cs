using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// Which top-level fields of an object about to be written are still what was read from the store, found by their
/// encoding. A field copied from the stored object and left alone is never built node by node: it encodes straight
/// from the stored bytes, so comparing encodings spares building a pod's whole spec on every status write.
/// </summary>
public static class StoredMembers
{
    /// <summary>Positions of fields in an object (bit i: field i; fields past the 64th are never in it).</summary>
    public readonly record struct Set(ulong Bits)
    {
        public bool Contains(int index) => index < 64 && (Bits & (1UL << index)) != 0;
    }

    /// <summary>The fields of <paramref name="next"/> whose value encodes exactly as the same field of <paramref name="old"/>.</summary>
    public static Set SameAs(JsonObject next, JsonObject old)
    {
        var bits = 0UL;
        for (var i = 0; i < next.Count && i < 64; i++)
        {
            var (name, value) = next.GetAt(i);
            if (old.TryGetPropertyValue(name, out var stored) && SameEncoding(value, stored)) bits |= 1UL << i;
        }
        return new Set(bits);
    }

    /// <summary>The fields of <paramref name="obj"/> not named in <paramref name="names"/>.</summary>
    public static Set Outside(JsonObject obj, IReadOnlySet<string> names)
    {
        var bits = 0UL;
        for (var i = 0; i < obj.Count && i < 64; i++)
            if (!names.Contains(obj.GetAt(i).Key)) bits |= 1UL << i;
        return new Set(bits);
    }

    /// <summary>
    /// <see cref="JsonNode.DeepEquals"/> of the two objects, given the fields of <paramref name="next"/> already known
    /// to equal <paramref name="old"/>'s (<see cref="SameAs"/>, with neither changed since).
    /// </summary>
    public static bool Equal(JsonObject next, JsonObject old, Set same)
    {
        if (next.Count != old.Count) return false;
        for (var i = 0; i < next.Count; i++)
        {
            if (same.Contains(i)) continue;
            var (name, value) = next.GetAt(i);
            if (!old.TryGetPropertyValue(name, out var stored) || !JsonNode.DeepEquals(value, stored)) return false;
        }
        return true;
    }

    [ThreadStatic] static Buffers? t_buffers;

    sealed class Buffers
    {
        public readonly ArrayBufferWriter<byte> A = new(), B = new();
        public readonly Utf8JsonWriter WriterA, WriterB;

        public Buffers()
        {
            WriterA = new Utf8JsonWriter(A);
            WriterB = new Utf8JsonWriter(B);
        }
    }

    /// <summary>True when the two nodes encode to the same bytes (the same node, or equal values in the same order).</summary>
    public static bool SameEncoding(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (ReferenceEquals(a, b)) return true;
        var buffers = t_buffers ??= new Buffers();
        buffers.A.ResetWrittenCount();
        buffers.B.ResetWrittenCount();
        buffers.WriterA.Reset();
        buffers.WriterB.Reset();
        a.WriteTo(buffers.WriterA);
        b.WriteTo(buffers.WriterB);
        buffers.WriterA.Flush();
        buffers.WriterB.Flush();
        return buffers.A.WrittenSpan.SequenceEqual(buffers.B.WrittenSpan);
    }
}
