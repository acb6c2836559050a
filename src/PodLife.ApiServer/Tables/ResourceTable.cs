using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.Core.Hosting;
using PodLife.Core.Printing;

namespace PodLife.ApiServer.Tables;

/// <summary>The columns kubectl shows for one kind and how to make a row of them from an object.</summary>
public sealed class ResourceTable
{
    readonly Func<StoredObject, DateTimeOffset, Row> _row;

    /// <summary>What one object prints as: its cells and the row's conditions (none for most kinds).</summary>
    public readonly record struct Row(IEnumerable<object?> Cells, IReadOnlyList<TableRowCondition>? Conditions = null);

    ResourceTable(IReadOnlyList<TableColumn> columns, Func<StoredObject, DateTimeOffset, Row> row)
    {
        Columns = columns;
        _row = row;
    }

    /// <summary>A table whose cells come from the object's JSON.</summary>
    public ResourceTable(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, IEnumerable<object?>> cells)
        : this(columns, (o, now) => new Row(cells(o.Object, now)))
    {
    }

    /// <summary>
    /// A table printed by the core from the stored form as model type <typeparamref name="T"/>, decoded straight from the
    /// stored bytes, with the row's cells and conditions computed together.
    /// </summary>
    /// <param name="decode">How to decode the stored object for the printer (null: every field).</param>
    /// <param name="read">A reader of the stored bytes that makes the printer's model faster than the decoder (null
    /// back, or none: <paramref name="decode"/>).</param>
    public static ResourceTable ForModel<T>(IReadOnlyList<TableColumn> columns, Func<T, DateTimeOffset, Row> row,
        Func<System.Text.Json.JsonSerializerOptions>? decode = null, Func<ReadOnlySpan<byte>, T?>? read = null) where T : class =>
        new(columns, (o, now) => row(o.StoredModel(decode?.Invoke(), read), now));

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>What each of <paramref name="items"/> prints as, in order.</summary>
    /// <remarks>
    /// A long list is printed on every core: a page of 500 stored pods took ~4 ms of one core's time to decode and print,
    /// half of the page's time at the server, while `kubectl get` waited for it with the other core idle. The rows are
    /// independent of each other; decoding one caches its model in its own <see cref="StoredObject"/>.
    /// </remarks>
    public Row[] Rows(IReadOnlyList<StoredObject> items, DateTimeOffset now)
    {
        var rows = new Row[items.Count];
        if (items.Count < ParallelFrom) Print(0, items.Count);
        else EveryCore.Split(items.Count, Print);
        return rows;

        void Print(int from, int to)
        {
            for (var i = from; i < to; i++) rows[i] = _row(items[i], now);
        }
    }

    // Below this many rows a list is printed on the calling thread: handing work to another costs more than it saves.
    const int ParallelFrom = 64;

    /// <summary>The "cells" and "conditions" of a meta.k8s.io/v1 TableRow, written into the open row object.</summary>
    public static void WriteRow(Utf8JsonWriter writer, Row row)
    {
        writer.WriteStartArray("cells");
        foreach (var cell in row.Cells) WriteCell(writer, cell);
        writer.WriteEndArray();
        if (row.Conditions is not { Count: > 0 } list) return;
        writer.WriteStartArray("conditions");
        foreach (var c in list)
        {
            writer.WriteStartObject();
            WriteStrings(writer, ("type", c.Type), ("status", c.Status), ("reason", c.Reason), ("message", c.Message));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>String properties of the open object, in order.</summary>
    internal static void WriteStrings(Utf8JsonWriter writer, params (string Name, string? Value)[] properties)
    {
        foreach (var (name, value) in properties) writer.WriteString(name, value);
    }

    static void WriteCell(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case bool b: writer.WriteBooleanValue(b); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    // The core's shared NAME and AGE definitions, as its namespace table (NAME STATUS AGE) carries them.
    public static readonly TableColumn NameColumn = TableColumns.Namespaces[0];
    public static readonly TableColumn AgeColumn = TableColumns.Namespaces[2];

    /// <summary>kubectl's AGE: time since creation, "&lt;unknown&gt;" without a timestamp.</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) =>
        ObjectMeta.ParseTimestamp(obj.Metadata().Str("creationTimestamp")) is { } t ? HumanDuration.Format(now - t) : "<unknown>";

    /// <summary>NAME and AGE, for kinds without their own printer.</summary>
    public static readonly ResourceTable NameAndAge = new([NameColumn, AgeColumn], (o, now) => [o.Name(), Age(o, now)]);
}
