using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PodLife.ApiServer.Http;

/// <summary>
/// YAML bodies as JSON, as sigs.k8s.io/yaml converts them: the first document; plain scalars that read as null,
/// booleans or numbers become those, everything else (and every quoted scalar) a string.
/// </summary>
public static class YamlJson
{
    const int MaxDepth = 64, MaxNodes = 1_000_000;

    /// <exception cref="StatusException">400 with "error converting YAML to JSON: …".</exception>
    public static JsonNode? Convert(ReadOnlySpan<byte> yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Encoding.UTF8.GetString(yaml)));
            if (stream.Documents.Count == 0) return null;
            var budget = MaxNodes;
            return ToJson(stream.Documents[0].RootNode, 0, ref budget);
        }
        catch (YamlException e)
        {
            throw Errors.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}");
        }
    }

    static JsonNode? ToJson(YamlNode node, int depth, ref int budget)
    {
        // Aliases may expand a small document into a huge one ("billion laughs"); refuse past a fixed size.
        if (depth > MaxDepth || --budget < 0)
            throw Errors.BadRequest("error converting YAML to JSON: the document is too deeply nested or too large");
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = key is YamlScalarNode s ? s.Value ?? "" : throw Errors.BadRequest("error converting YAML to JSON: a mapping key is not a scalar");
                    obj[name] = ToJson(value, depth + 1, ref budget);
                }
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(ToJson(item, depth + 1, ref budget));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    /// <summary>A plain scalar that YAML's core schema reads as null: empty, ~, null, Null or NULL (quoted, it is a string).</summary>
    internal static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.Plain && (scalar.Value ?? "") is "" or "~" or "null" or "Null" or "NULL";

    static JsonNode? Scalar(YamlScalarNode scalar)
    {
        if (IsNull(scalar)) return null;
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain) return text;
        switch (text)
        {
            case "true" or "True" or "TRUE": return true;
            case "false" or "False" or "FALSE": return false;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)) return integer;
        if (text.Any(char.IsDigit) && !text.Contains('_') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return real;
        return text;
    }
}
