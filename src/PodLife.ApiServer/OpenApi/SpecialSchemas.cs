using System.Text.Json.Nodes;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The apimachinery types with a custom JSON form (Quantity, IntOrString, Time, MicroTime, FieldsV1, Patch),
/// declared as Kubernetes declares them: Quantity and IntOrString as one-of types in OpenAPI 3 and as
/// strings in Swagger 2.0, times as date-time strings.
/// </summary>
static class SpecialSchemas
{
    public static JsonObject Of(string name, OpenApiFlavor flavor) => name switch
    {
        SchemaNames.Quantity => flavor == OpenApiFlavor.V3
            ? new() { ["description"] = QuantityText, ["oneOf"] = OneOf("string", "number") }
            : new() { ["description"] = QuantityText, ["type"] = "string" },
        SchemaNames.IntOrString => flavor == OpenApiFlavor.V3
            ? new() { ["description"] = IntOrStringText, ["oneOf"] = OneOf("integer", "string"), ["x-kubernetes-int-or-string"] = true }
            : new() { ["description"] = IntOrStringText, ["format"] = "int-or-string", ["type"] = "string" },
        SchemaNames.Time => new()
        {
            ["description"] = "A timestamp in RFC 3339 form with second precision, such as 2024-05-01T12:00:00Z.",
            ["format"] = "date-time", ["type"] = "string",
        },
        SchemaNames.MicroTime => new()
        {
            ["description"] = "A timestamp in RFC 3339 form with microsecond precision, such as 2024-05-01T12:00:00.000000Z.",
            ["format"] = "date-time", ["type"] = "string",
        },
        SchemaNames.FieldsV1 => new()
        {
            ["description"] = "The set of fields a manager owns, as a tree of field names in the FieldsV1 JSON format.",
            ["type"] = "object",
        },
        SchemaNames.Patch => new()
        {
            ["description"] = "The body of a PATCH request: a JSON patch, a merge patch or a strategic merge patch.",
            ["type"] = "object",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a special schema"),
    };

    const string QuantityText = "A fixed-point number with an optional SI or binary suffix, such as 100m, 1.5, 2Gi or 1e3. " +
        "Quantities are written as strings; a plain number is accepted on input.";

    const string IntOrStringText = "A value that is either an integer or a string, such as a port number (8080) or a port name (http).";

    static JsonArray OneOf(params string[] types) => [.. types.Select(t => (JsonNode)new JsonObject { ["type"] = t })];
}
