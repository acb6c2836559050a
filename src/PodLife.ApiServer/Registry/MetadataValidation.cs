using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// Name and label checks every kind shares, with apimachinery's messages
/// (k8s.io/apimachinery/pkg/util/validation/validation.go).
/// </summary>
public static partial class MetadataValidation
{
    const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    const string Dns1123SubdomainFmt = Dns1123LabelFmt + "(\\." + Dns1123LabelFmt + ")*";
    const string LabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

    [GeneratedRegex("^" + Dns1123LabelFmt + "$")] private static partial Regex Dns1123Label();
    [GeneratedRegex("^" + Dns1123SubdomainFmt + "$")] private static partial Regex Dns1123Subdomain();
    [GeneratedRegex("^" + LabelValueFmt + "$")] private static partial Regex LabelValue();

    public static IEnumerable<FieldCause> Validate(JsonObject obj, bool nameIsLabel)
    {
        var name = obj.Name();
        if (name.Length == 0)
            yield return new("metadata.name", "FieldValueRequired", "metadata.name: Required value: name or generateName is required");
        else foreach (var m in NameErrors(name, nameIsLabel))
            yield return new("metadata.name", "FieldValueInvalid", $"metadata.name: Invalid value: \"{name}\": {m}");

        foreach (var (key, value) in obj.Labels())
        {
            foreach (var m in QualifiedNameErrors(key))
                yield return new("metadata.labels", "FieldValueInvalid", $"metadata.labels: Invalid value: \"{key}\": {m}");
            if (value.Length > 63)
                yield return new("metadata.labels", "FieldValueInvalid", $"metadata.labels: Invalid value: \"{value}\": must be no more than 63 characters");
            if (!LabelValue().IsMatch(value))
                yield return new("metadata.labels", "FieldValueInvalid",
                    $"metadata.labels: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '{LabelValueFmt}')");
        }
    }

    static IEnumerable<string> NameErrors(string name, bool label)
    {
        if (label)
        {
            if (name.Length > 63) yield return "must be no more than 63 characters";
            if (!Dns1123Label().IsMatch(name))
                yield return $"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{Dns1123LabelFmt}')";
            yield break;
        }
        if (name.Length > 253) yield return "must be no more than 253 characters";
        if (!Dns1123Subdomain().IsMatch(name))
            yield return $"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{Dns1123SubdomainFmt}')";
    }

    const string QualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    [GeneratedRegex("^" + QualifiedNameFmt + "$")] private static partial Regex QualifiedName();

    static IEnumerable<string> QualifiedNameErrors(string key)
    {
        var slash = key.LastIndexOf('/');
        var (prefix, name) = slash < 0 ? ("", key) : (key[..slash], key[(slash + 1)..]);
        if (slash >= 0 && (prefix.Length == 0 || prefix.Length > 253 || !Dns1123Subdomain().IsMatch(prefix)))
            yield return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + Dns1123SubdomainFmt + "')";
        if (name.Length == 0) yield return "name part must be non-empty";
        else if (name.Length > 63) yield return "name part must be no more than 63 characters";
        else if (!QualifiedName().IsMatch(name))
            yield return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" + QualifiedNameFmt + "')";
    }
}
