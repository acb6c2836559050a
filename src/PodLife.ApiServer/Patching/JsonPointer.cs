using System.Globalization;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>An RFC 6901 JSON pointer: the path of a JSON patch operation.</summary>
sealed record JsonPointer(string Text, IReadOnlyList<string> Tokens)
{
    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0) return new(text, []);
        if (text[0] != '/') throw new PatchException(422, $"JSON pointer must be empty or start with a \"/\": \"{text}\"");
        // Unescape ~1 before ~0 so that "~01" becomes "~1", as RFC 6901 section 4 requires.
        var tokens = text[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
        return new(text, tokens);
    }

    public bool IsRoot => Tokens.Count == 0;

    public string Last => Tokens[^1];

    /// <summary>True when this pointer names a strict descendant of <paramref name="other"/>.</summary>
    public bool IsBelow(JsonPointer other) =>
        Tokens.Count > other.Tokens.Count && other.Tokens.SequenceEqual(Tokens.Take(other.Tokens.Count));

    /// <summary>The node this pointer names, or false when some step is missing.</summary>
    public bool TryResolve(JsonNode? root, int depth, out JsonNode? node)
    {
        node = root;
        foreach (var token in Tokens.Take(depth))
        {
            switch (node)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    node = child;
                    break;
                case JsonArray array when TryIndex(token, array.Count - 1, out var i):
                    node = array[i];
                    break;
                default:
                    node = null;
                    return false;
            }
        }
        return true;
    }

    public bool TryGet(JsonNode? root, out JsonNode? node) => TryResolve(root, Tokens.Count, out node);

    /// <summary>Parses an array index: digits only, no leading zero, at most <paramref name="max"/>.</summary>
    public static bool TryIndex(string token, int max, out int index) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out index)
        && (token.Length == 1 || token[0] != '0') && index <= max;

    public override string ToString() => Text;
}
