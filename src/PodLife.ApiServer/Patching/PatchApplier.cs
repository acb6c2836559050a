using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Patching;

/// <summary>Applies the three patch types kubectl sends (JSON patch, merge patch, strategic merge patch) to a stored object.</summary>
public static class PatchApplier
{
    /// <summary>The patch media types PATCH accepts.</summary>
    public const string JsonPatchType = "application/json-patch+json",
        MergePatchType = "application/merge-patch+json",
        StrategicMergePatchType = "application/strategic-merge-patch+json",
        ApplyPatchType = "application/apply-patch+yaml";

    /// <summary>
    /// Returns <paramref name="original"/> (left unchanged) with <paramref name="patch"/> applied;
    /// <paramref name="modelType"/> (e.g. <c>typeof(V1Pod)</c>) supplies the strategic merge keys.
    /// Throws <see cref="PatchException"/> with kube-apiserver's status and wording for bad patches.
    /// </summary>
    public static JsonNode Apply(string contentType, JsonNode original, ReadOnlySpan<byte> patch, Type modelType) =>
        ApplyTo(contentType, original.DeepClone(), patch, modelType);

    /// <summary>
    /// As <see cref="Apply"/>, but onto <paramref name="document"/> itself, which is changed (a copy of the stored object
    /// that the caller owns): no second copy of the whole object per patch.
    /// </summary>
    public static JsonObject ApplyTo(string contentType, JsonNode document, ReadOnlySpan<byte> patch, Type modelType)
    {
        var mediaType = RequestBody.MediaType(contentType);
        if (mediaType is not (JsonPatchType or MergePatchType or StrategicMergePatchType))
        {
            throw new PatchException(415, "the body of the request was in an unknown format - accepted media types include: " +
                $"{JsonPatchType}, {MergePatchType}, {ApplyPatchType}, {StrategicMergePatchType}");
        }
        var patched = mediaType switch
        {
            JsonPatchType => JsonPatch.Apply(document, Parse(patch)),
            MergePatchType => JsonMergePatch.Apply(document, AsObject(ParseDocument(patch))),
            _ => StrategicMergePatch.MergeObject(document as JsonObject, AsObject(Parse(patch)), modelType),
        };
        return patched as JsonObject ?? throw new PatchException(422, "the patched object is not a JSON object");
    }

    /// <summary>
    /// The top-level fields that <paramref name="patch"/> can change (the members a merge or strategic merge patch names,
    /// the first segment of each path of a JSON patch), or null when it may change any (a directive such as
    /// <c>$patch</c> or <c>$retainKeys</c> at the top, an operation on the root, or a patch this cannot read): every
    /// other field of the patched object is still the stored one.
    /// </summary>
    public static IReadOnlySet<string>? TouchedMembers(string contentType, ReadOnlySpan<byte> patch)
    {
        var mediaType = RequestBody.MediaType(contentType);
        try
        {
            return mediaType switch
            {
                MergePatchType or StrategicMergePatchType => TopLevelKeys(patch),
                JsonPatchType => FirstPathSegments(patch),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static HashSet<string>? TopLevelKeys(ReadOnlySpan<byte> patch)
    {
        var reader = new Utf8JsonReader(patch);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (key.StartsWith('$')) return null;
            keys.Add(key);
            reader.Read();
            reader.Skip();
        }
        return keys;
    }

    static HashSet<string>? FirstPathSegments(ReadOnlySpan<byte> patch)
    {
        var reader = new Utf8JsonReader(patch);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return null;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isPath = reader.ValueTextEquals("path"u8) || reader.ValueTextEquals("from"u8);
                reader.Read();
                if (!isPath)
                {
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType != JsonTokenType.String || FirstSegment(reader.GetString()!) is not { } first) return null;
                keys.Add(first);
            }
        }
        return reader.TokenType == JsonTokenType.EndArray ? keys : null;
    }

    // "/status/phase" -> "status" (RFC 6901 escapes undone); null for the root or a path that is not a pointer.
    static string? FirstSegment(string path)
    {
        if (!path.StartsWith('/')) return null;
        var end = path.IndexOf('/', 1);
        var segment = end < 0 ? path[1..] : path[1..end];
        return segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }

    static JsonNode? Parse(ReadOnlySpan<byte> patch)
    {
        try
        {
            var node = JsonNode.Parse(patch, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            // Materialise the whole tree now, so that a bad document fails here and not halfway through applying it
            // (walked rather than encoded: the encoding was a string as long as the patch, thrown away).
            Materialize(node);
            return node;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new PatchException(400, $"error decoding patch: {e.Message}");
        }
    }

    // A merge patch is read as a document, not a tree: its values go into the object as nodes over that document
    // (JsonMergePatch), instead of a node per member of the patch made here and each copied again into the object. The
    // document is parsed whole, so a bad one (a duplicate field too) fails here, before anything is changed.
    static JsonElement ParseDocument(ReadOnlySpan<byte> patch)
    {
        try
        {
            // Not disposed: the nodes made from it keep it, and so the copy of the bytes it reads, as long as they live.
            return JsonDocument.Parse(patch.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false }).RootElement;
        }
        catch (JsonException e)
        {
            throw new PatchException(400, $"error decoding patch: {e.Message}");
        }
    }

    static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) Materialize(child);
                break;
            case JsonArray a:
                foreach (var child in a) Materialize(child);
                break;
        }
    }

    // Merge and strategic merge patches must be objects (strategicpatch: ErrBadJSONDoc "invalid JSON document").
    static JsonObject AsObject(JsonNode? patch) => patch as JsonObject ?? throw new PatchException(400, "invalid JSON document");

    static JsonElement AsObject(JsonElement patch) =>
        patch.ValueKind == JsonValueKind.Object ? patch : throw new PatchException(400, "invalid JSON document");
}
