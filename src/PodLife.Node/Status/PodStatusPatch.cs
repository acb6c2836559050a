using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Node.Status;

/// <summary>
/// The status a node writes, serialized as KubernetesClient serializes it, and the merge patch <c>{"status":...}</c>
/// that carries it. A node computes a status on every sync and most are unchanged: each is serialized into a reused
/// per-thread buffer and compared by digest with the last one written, so an unchanged status makes no string and no
/// array; a changed one is sent as UTF-8. The node keeps only that digest (16 bytes, not the kilobyte of JSON: with
/// 100,000 pods that was a hundred megabytes).
/// </summary>
public static class PodStatusPatch
{
    const string Prefix = "{\"status\":";

    [ThreadStatic] static MemoryStream? t_buffer;

    /// <summary>A status as serialized: its UTF-8 JSON, and the digest the next status is compared with.</summary>
    public readonly record struct Serialized(byte[] Json, UInt128 Digest);

    /// <summary>
    /// <paramref name="status"/> serialized, or null when its JSON has the digest <paramref name="previous"/> (the same
    /// bytes: a SHA-256 prefix of 128 bits does not collide by chance).
    /// </summary>
    public static Serialized? IfChanged(V1PodStatus status, UInt128? previous)
    {
        ArgumentNullException.ThrowIfNull(status);
        // Used synchronously between awaits only, so one buffer per thread is never shared.
        var buffer = t_buffer ??= new MemoryStream();
        buffer.SetLength(0);
        JsonSerializer.Serialize(buffer, status, ModelJson.EncodeOptions);
        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(json, hash);
        var digest = BinaryPrimitives.ReadUInt128LittleEndian(hash);
        return digest == previous ? null : new Serialized(json.ToArray(), digest);
    }

    /// <summary>
    /// The merge patch that sets the status whose UTF-8 JSON is <paramref name="status"/>, as UTF-8; with
    /// <paramref name="resourceVersion"/>, only on that version of the pod (the API answers 409 Conflict to any other).
    /// </summary>
    public static Utf8Body MergePatch(byte[] status, ulong? resourceVersion = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var prefix = resourceVersion is null ? Prefix : $"{{\"metadata\":{{\"resourceVersion\":\"{resourceVersion.Value.ToString(CultureInfo.InvariantCulture)}\"}},\"status\":";
        var patch = new byte[Encoding.UTF8.GetByteCount(prefix) + status.Length + 1];
        var written = Encoding.UTF8.GetBytes(prefix, patch);
        status.CopyTo(patch, written);
        patch[^1] = (byte)'}';
        return Utf8Body.FromUtf8(patch);
    }
}
