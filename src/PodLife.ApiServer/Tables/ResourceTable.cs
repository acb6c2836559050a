using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.Core.Printing;

namespace PodLife.ApiServer.Tables;

/// <summary>The columns kubectl shows for one kind and how to make a row of them from an object.</summary>
public sealed class ResourceTable(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, IEnumerable<object?>> cells,
    Func<JsonObject, IReadOnlyList<TableRowCondition>>? conditions = null)
{
    public IReadOnlyList<TableColumn> Columns => columns;

    /// <summary>A meta.k8s.io/v1 TableRow without its object: {"cells": [...], "conditions": [...]}.</summary>
    public JsonObject Row(JsonObject obj, DateTimeOffset now)
    {
        var row = new JsonObject { ["cells"] = new JsonArray([.. cells(obj, now).Select(Cell)]) };
        if (conditions?.Invoke(obj) is { Count: > 0 } list)
            row["conditions"] = new JsonArray([.. list.Select(c => (JsonNode)new JsonObject
            {
                ["type"] = c.Type, ["status"] = c.Status, ["reason"] = c.Reason, ["message"] = c.Message,
            })]);
        return row;
    }

    static JsonNode? Cell(object? value) => value switch
    {
        null => null,
        string s => s,
        int i => i,
        long l => l,
        bool b => b,
        _ => value.ToString(),
    };

    // The core's shared NAME and AGE definitions, as its namespace table (NAME STATUS AGE) carries them.
    public static readonly TableColumn NameColumn = TableColumns.Namespaces[0];
    public static readonly TableColumn AgeColumn = TableColumns.Namespaces[2];

    /// <summary>kubectl's AGE: time since creation, "&lt;unknown&gt;" without a timestamp.</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) =>
        ObjectMeta.ParseTimestamp(obj.Metadata().Str("creationTimestamp")) is { } t ? HumanDuration.Format(now - t) : "<unknown>";

    /// <summary>NAME and AGE, for kinds without their own printer.</summary>
    public static readonly ResourceTable NameAndAge = new([NameColumn, AgeColumn], (o, now) => [o.Name(), Age(o, now)]);
}
