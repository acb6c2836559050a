using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PodLife.ApiServer.Protobuf;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Http;

/// <summary>A create/update body in any encoding kube-apiserver accepts for built-in kinds (JSON, YAML, protobuf), as JSON.</summary>
public static class RequestBody
{
    public const string Json = "application/json", Yaml = "application/yaml";

    static readonly string[] Accepted = [Json, Yaml, ProtobufEnvelope.MediaType];

    /// <summary>The media type of a Content-Type header, lower case, without parameters.</summary>
    public static string MediaType(string? contentType) => (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>The body as UTF-8 JSON; 415 for other media types, 400 for bodies that do not decode.</summary>
    public static async Task<byte[]> ReadJsonAsync(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType;
        var media = MediaType(contentType);
        if (media is not ("" or Json or "*/*" or Yaml or ProtobufEnvelope.MediaType))
            throw Errors.UnsupportedMediaType(contentType!, Accepted);
        var body = await HttpJson.ReadBodyAsync(ctx);
        return media switch
        {
            Yaml => body.Length == 0 ? body : ObjectCodec.Utf8(YamlJson.Convert(body) ?? new JsonObject()),
            ProtobufEnvelope.MediaType => FromProtobuf(body, contentType!),
            _ => body,
        };
    }

    static byte[] FromProtobuf(byte[] body, string contentType)
    {
        try
        {
            return ObjectCodec.Utf8(ProtobufEnvelope.Decode(body));
        }
        catch (ProtobufException e)
        {
            throw Errors.BadRequest(e.Message);
        }
        catch (UnsupportedKindException)
        {
            throw Errors.UnsupportedMediaType(contentType, Json, Yaml);
        }
    }
}
