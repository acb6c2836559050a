using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tables;

/// <summary>Builds meta.k8s.io/v1 Table objects (what `kubectl get` asks for) from API objects.</summary>
public static class TableWriter
{
    /// <summary>Reads the includeObject parameter (None, Metadata - the default - or Object).</summary>
    public static string IncludeObject(string? value) => value switch
    {
        null or "" or "Metadata" => "Metadata",
        "None" or "Object" => value,
        _ => throw Errors.BadRequest($"includeObject: Unsupported value: \"{value}\": supported values: \"Metadata\", \"None\", \"Object\""),
    };

    public static JsonObject Build(ResourceTable table, IEnumerable<JsonObject> items, JsonObject listMeta, DateTimeOffset now,
        string includeObject, bool withColumns = true)
    {
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = table.Row(item, now);
            row["object"] = includeObject switch
            {
                "None" => null,
                "Object" => item.DeepClone(),
                _ => new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item.Metadata().DeepClone(),
                },
            };
            rows.Add(row);
        }
        var result = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = listMeta };
        if (withColumns) result["columnDefinitions"] = Columns(table);
        result["rows"] = rows;
        return result;
    }

    static JsonArray Columns(ResourceTable table) =>
        new([.. table.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["format"] = c.Format,
            ["description"] = c.Description,
            ["priority"] = c.Priority,
        })]);
}
