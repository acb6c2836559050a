using System.Text.Json.Nodes;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// Writes the operations of a resource's paths as kube-apiserver publishes them: operationId, action,
/// group-version-kind, query parameters (kubectl looks for <c>fieldValidation</c> on PATCH to decide whether
/// the server validates fields), request body media types (it looks for strategic merge patch) and responses.
/// </summary>
sealed class OperationBuilder(SchemaGenerator schemas, OpenApiFlavor flavor)
{
    public static readonly string[] Produces = ["application/json", "application/yaml"];
    static readonly string[] Patches =
        ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

    public static readonly string[] ListParameters =
    [
        "allowWatchBookmarks:boolean", "continue:string", "fieldSelector:string", "labelSelector:string", "limit:integer",
        "resourceVersion:string", "resourceVersionMatch:string", "sendInitialEvents:boolean", "timeoutSeconds:integer", "watch:boolean",
    ];
    public static readonly string[] WriteParameters = ["dryRun:string", "fieldManager:string", "fieldValidation:string"];
    public static readonly string[] PatchParameters = [.. WriteParameters, "force:boolean"];
    public static readonly string[] DeleteParameters =
        ["dryRun:string", "gracePeriodSeconds:integer", "orphanDependents:boolean", "propagationPolicy:string"];

    public JsonObject Operation(string action, string operationId, string description, GroupVersionKind gvk, string tag,
        string? body, string response, string[] parameters)
    {
        var operation = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = operationId,
            ["tags"] = new JsonArray(tag),
        };
        var list = new JsonArray([.. parameters.Select(p => (JsonNode)Parameter(p.Split(':')[0], "query", p.Split(':')[1], required: false))]);
        var bodyTypes = action == "patch" ? Patches : ["*/*"];
        if (body is not null && flavor == OpenApiFlavor.V2)
        {
            list.Insert(0, new JsonObject { ["in"] = "body", ["name"] = "body", ["required"] = true, ["schema"] = schemas.PlainRef(body) });
            operation["consumes"] = Strings(bodyTypes);
        }
        else if (body is not null)
        {
            operation["requestBody"] = new JsonObject { ["content"] = Content(bodyTypes, body), ["required"] = true };
        }
        if (flavor == OpenApiFlavor.V2) operation["produces"] = Strings(Produces);
        if (list.Count > 0) operation["parameters"] = list;
        operation["responses"] = Responses(action == "post" ? ["200", "201", "202"] : ["200"], response);
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = gvk.ToJson();
        return operation;
    }

    public JsonObject Parameter(string name, string @in, string type, bool required)
    {
        var parameter = new JsonObject { ["in"] = @in, ["name"] = name };
        if (required) parameter["required"] = true;
        if (flavor == OpenApiFlavor.V2) parameter["type"] = type;
        else parameter["schema"] = new JsonObject { ["type"] = type };
        parameter["uniqueItems"] = true;
        return parameter;
    }

    JsonObject Responses(string[] codes, string schema)
    {
        var responses = new JsonObject();
        foreach (var code in codes)
        {
            responses[code] = flavor == OpenApiFlavor.V2
                ? new JsonObject { ["description"] = Reason(code), ["schema"] = schemas.PlainRef(schema) }
                : new JsonObject { ["content"] = Content(Produces, schema), ["description"] = Reason(code) };
        }
        responses["401"] = new JsonObject { ["description"] = "Unauthorized" };
        return responses;
    }

    JsonObject Content(string[] mediaTypes, string schema) =>
        new(mediaTypes.Select(m => KeyValuePair.Create(m, (JsonNode?)new JsonObject { ["schema"] = schemas.PlainRef(schema) })));

    static string Reason(string code) => code switch { "201" => "Created", "202" => "Accepted", _ => "OK" };

    static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => JsonValue.Create(v))];
}
