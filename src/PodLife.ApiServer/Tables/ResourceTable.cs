using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.Core.Printing;

namespace PodLife.ApiServer.Tables;

/// <summary>One column of a meta.k8s.io/v1 Table; priority 1 columns show only with -o wide.</summary>
public sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority = 0);

/// <summary>The columns kubectl shows for one kind and how to fill them from an object.</summary>
public abstract class ResourceTable
{
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    public abstract JsonArray Cells(JsonObject obj, DateTimeOffset now);

    public static readonly TableColumn NameColumn =
        new("Name", "string", "name", "Name must be unique within a namespace. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names");

    public static readonly TableColumn AgeColumn =
        new("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.");

    /// <summary>kubectl's AGE: time since creation, "&lt;unknown&gt;" without a timestamp.</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) => Since(obj.Metadata().Str("creationTimestamp"), now);

    public static string Since(string timestamp, DateTimeOffset now) =>
        ObjectMeta.ParseTimestamp(timestamp) is { } t ? HumanDuration.Format(now - t) : "<unknown>";

    /// <summary>NAME and AGE, for kinds without their own printer.</summary>
    public static readonly ResourceTable NameAndAge = new Simple([NameColumn, AgeColumn], (o, now) => [o.Name(), Age(o, now)]);

    /// <summary>A table from a column list and a cell function.</summary>
    public sealed class Simple(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> cells) : ResourceTable
    {
        public override IReadOnlyList<TableColumn> Columns => columns;
        public override JsonArray Cells(JsonObject obj, DateTimeOffset now) => new(cells(obj, now));
    }
}
