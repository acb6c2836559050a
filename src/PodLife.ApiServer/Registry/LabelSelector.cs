using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// A parsed labelSelector (k8s.io/apimachinery/pkg/labels/selector.go): comma-separated requirements
/// `k`, `!k`, `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`.
/// </summary>
public sealed class LabelSelector
{
    sealed record Requirement(string Key, string Op, HashSet<string> Values);

    readonly List<Requirement> _requirements;

    LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static readonly LabelSelector Everything = new([]);

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Op switch
    {
        "exists" => labels.ContainsKey(r.Key),
        "!" => !labels.ContainsKey(r.Key),
        "=" or "in" => labels.TryGetValue(r.Key, out var v) && r.Values.Contains(v),
        _ => !labels.TryGetValue(r.Key, out var v) || !r.Values.Contains(v), // != and notin
    });

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<Requirement>();
        foreach (var part in SplitOutsideParens(text))
            requirements.Add(ParseRequirement(part.Trim(), text));
        return new LabelSelector(requirements);
    }

    static Requirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0) throw Bad(whole, "found '', expected: identifier");
        if (part[0] == '!') return new(Key(part[1..].Trim(), whole), "!", []);
        foreach (var (token, op) in new[] { ("!=", "!="), ("==", "="), ("=", "=") })
        {
            var i = part.IndexOf(token, StringComparison.Ordinal);
            if (i < 0) continue;
            return new(Key(part[..i].Trim(), whole), op, [Value(part[(i + token.Length)..].Trim(), whole)]);
        }
        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1) return new(Key(words[0], whole), "exists", []);
        var rest = words[1];
        var op2 = rest.StartsWith("notin", StringComparison.Ordinal) ? "notin" : rest.StartsWith("in", StringComparison.Ordinal) ? "in" : null;
        if (op2 is null) throw Bad(whole, $"found '{rest}', expected: in, notin, =, ==, !=, gt, lt");
        var list = rest[op2.Length..].Trim();
        if (list.Length < 2 || list[0] != '(' || list[^1] != ')') throw Bad(whole, $"found '{list}', expected: '('");
        var values = list[1..^1].Split(',').Select(v => Value(v.Trim(), whole)).ToHashSet(StringComparer.Ordinal);
        return new(Key(words[0], whole), op2, values);
    }

    static string Key(string key, string whole)
    {
        if (key.Length == 0 || key.Length > 316 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
            throw Bad(whole, $"invalid label key \"{key}\"");
        return key;
    }

    static string Value(string value, string whole)
    {
        if (value.Length > 63 || value.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            throw Bad(whole, $"invalid label value: \"{value}\"");
        return value;
    }

    static IEnumerable<string> SplitOutsideParens(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { yield return text[start..i]; start = i + 1; }
        }
        yield return text[start..];
    }

    static StatusException Bad(string selector, string why) =>
        Errors.BadRequest($"unable to parse requirement: {why} in labelSelector \"{selector}\"");
}
