using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// A parsed fieldSelector (k8s.io/apimachinery/pkg/fields/selector.go): `f=v`, `f==v`, `f!=v` joined by commas,
/// over the fields the kind supports (metadata.name, metadata.namespace and the strategy's own).
/// </summary>
public sealed class FieldSelector
{
    readonly List<(string Field, bool Equal, string Value)> _terms;

    FieldSelector(List<(string, bool, string)> terms) => _terms = terms;

    public static readonly FieldSelector Everything = new([]);

    /// <summary>The value of metadata.name=X, which a watch of one object uses (kubectl get -w NAME).</summary>
    public string? ExactName => _terms.FirstOrDefault(t => t.Field == "metadata.name" && t.Equal).Value;

    /// <summary>The value that an equality term pins <paramref name="field"/> to (the watch fan-out routes by it), if any.</summary>
    public string? PinnedValue(string field)
    {
        foreach (var (f, equal, value) in _terms)
            if (equal && f == field) return value;
        return null;
    }

    /// <summary>True when the selector is the one term <paramref name="field"/>=value and nothing else.</summary>
    public bool IsOnly(string field) => _terms is [{ Equal: true } term] && term.Field == field;

    public bool Matches(JsonObject obj, ResourceStrategy strategy)
    {
        foreach (var (field, equal, value) in _terms)
            if ((strategy.FieldValue(obj, field) == value) != equal) return false;
        return true;
    }

    public static FieldSelector Parse(string? text, ResourceDefinition def)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var (i, len, equal) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and >= 0 ? (ne, 2, false)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and >= 0 ? (ee, 2, true)
                : (part.IndexOf('='), 1, true);
            if (i <= 0) throw Errors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            var field = part[..i].Trim();
            if (field is not ("metadata.name" or "metadata.namespace") && !def.Strategy.SelectableFields.Contains(field))
                throw Errors.BadRequest($"field label not supported: {field}");
            terms.Add((field, equal, part[(i + len)..].Trim()));
        }
        return new FieldSelector(terms);
    }
}
