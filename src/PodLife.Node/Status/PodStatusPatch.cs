using System.Text;
using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Node.Status;

/// <summary>
/// The status a node writes, serialized as KubernetesClient serializes it, and the merge patch <c>{"status":...}</c>
/// that carries it. A node computes a status on every sync and most are unchanged: they are compared as UTF-8 bytes in
/// a reused per-thread buffer, so an unchanged status makes no string and no array; a changed one is sent as UTF-8.
/// </summary>
public static class PodStatusPatch
{
    const string Prefix = "{\"status\":";

    [ThreadStatic] static MemoryStream? t_buffer;

    /// <summary>The UTF-8 JSON of <paramref name="status"/>, or null when it is byte for byte <paramref name="previous"/>.</summary>
    public static byte[]? IfChanged(V1PodStatus status, byte[]? previous)
    {
        ArgumentNullException.ThrowIfNull(status);
        // Used synchronously between awaits only, so one buffer per thread is never shared.
        var buffer = t_buffer ??= new MemoryStream();
        buffer.SetLength(0);
        JsonSerializer.Serialize(buffer, status, ModelJson.EncodeOptions);
        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        return previous is not null && json.SequenceEqual(previous) ? null : json.ToArray();
    }

    /// <summary>The merge patch that sets the status whose UTF-8 JSON is <paramref name="status"/>, as UTF-8.</summary>
    public static Utf8Body MergePatch(byte[] status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var patch = new byte[Prefix.Length + status.Length + 1];
        Encoding.UTF8.GetBytes(Prefix, patch);
        status.CopyTo(patch, Prefix.Length);
        patch[^1] = (byte)'}';
        return Utf8Body.FromUtf8(patch);
    }
}
