using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.OpenApi;

/// <summary>A document serialized once, with the hash that serves as its ETag and cache key.</summary>
sealed record SerializedDocument(byte[] Json, string Hash)
{
    public static SerializedDocument Of(JsonNode document)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document);
        return new(json, Convert.ToHexString(SHA512.HashData(json)));
    }
}
