using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Patching;

/// <summary>
/// Formats JSON as Go's <c>%v</c> prints a decoded <c>map[string]interface{}</c> (keys sorted), so that
/// error messages read like kube-apiserver's, e.g. <c>map: map[image:nginx] does not contain declared merge key: name</c>.
/// </summary>
static class GoText
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "<nil>",
        JsonObject obj => "map[" + string.Join(' ', obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}:{Of(p.Value)}")) + "]",
        JsonArray array => "[" + string.Join(' ', array.Select(Of)) + "]",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.GetValue<double>().ToString(CultureInfo.InvariantCulture),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => node.ToJsonString(),
        },
    };
}
