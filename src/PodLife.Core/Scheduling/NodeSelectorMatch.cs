using System.Globalization;
using k8s.Models;

namespace PodLife.Core.Scheduling;

/// <summary>Node selector term matching as in component-helpers scheduling/corev1/nodeaffinity: terms are ORed, requirements within a term ANDed.</summary>
public static class NodeSelectorMatch
{
    /// <summary>True when the node matches both the pod's nodeSelector and its required node affinity.</summary>
    public static bool MatchesRequired(V1PodSpec spec, V1Node node)
    {
        if (spec.NodeSelector is { } selector)
        {
            var labels = node.Metadata?.Labels;
            foreach (var (key, value) in selector)
            {
                if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
                    return false;
            }
        }
        var required = spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        // A selector with no terms matches nothing, but a missing selector matches everything.
        return required is null || AnyTermMatches(required.NodeSelectorTerms, node);
    }

    public static bool AnyTermMatches(IEnumerable<V1NodeSelectorTerm>? terms, V1Node node) =>
        terms?.Any(term => TermMatches(term, node)) == true;

    /// <summary>An empty term (no expressions and no fields) matches no node.</summary>
    public static bool TermMatches(V1NodeSelectorTerm term, V1Node node)
    {
        var expressions = term.MatchExpressions ?? [];
        var fields = term.MatchFields ?? [];
        if (expressions.Count == 0 && fields.Count == 0)
            return false;
        var labels = node.Metadata?.Labels ?? new Dictionary<string, string>();
        var nodeFields = new Dictionary<string, string> { ["metadata.name"] = node.Metadata?.Name ?? "" };
        return expressions.All(r => Matches(r, labels)) && fields.All(r => Matches(r, nodeFields));
    }

    static bool Matches(V1NodeSelectorRequirement r, IDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(r.Key, out var value);
        var values = r.Values ?? [];
        return r.OperatorProperty switch
        {
            "In" => has && values.Contains(value),
            "NotIn" => !has || !values.Contains(value),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && Compare(value!, values) is > 0,
            "Lt" => has && Compare(value!, values) is < 0,
            _ => false,
        };
    }

    /// <summary>Gt/Lt compare the label and the single value as integers; anything unparsable does not match.</summary>
    static int? Compare(string label, IList<string> values)
    {
        if (values.Count != 1
            || !long.TryParse(label, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)
            || !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            return null;
        return l.CompareTo(v);
    }
}
