using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.Core.Streaming;

/// <summary>remotecommand.TerminalSize as client-go encodes it on the resize channel: {"Width":80,"Height":24}.</summary>
public static class TerminalSize
{
    /// <summary>The size, or null for a message that is not one.</summary>
    public static (ushort Width, ushort Height)? Read(ReadOnlyMemory<byte> json)
    {
        try
        {
            var size = JsonNode.Parse(json.Span) as JsonObject;
            return size?["Width"]?.GetValue<ushort>() is { } w && size["Height"]?.GetValue<ushort>() is { } h ? (w, h) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // Written out rather than an anonymous object: the native binary has no serializer for one.
    public static byte[] Write(ushort width, ushort height) => System.Text.Encoding.UTF8.GetBytes($"{{\"Width\":{width},\"Height\":{height}}}");
}
