using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tables;

/// <summary>Writes meta.k8s.io/v1 Table objects (what `kubectl get` asks for) from API objects.</summary>
public static class TableWriter
{
    /// <summary>Reads the includeObject parameter (None, Metadata - the default - or Object).</summary>
    public static string IncludeObject(string? value) => value switch
    {
        null or "" or "Metadata" => "Metadata",
        "None" or "Object" => value,
        _ => throw Errors.BadRequest($"includeObject: Unsupported value: \"{value}\": supported values: \"Metadata\", \"None\", \"Object\""),
    };

    /// <summary>
    /// Writes a Table of <paramref name="items"/>, handing full buffers to <paramref name="body"/> as it goes, so a
    /// long list streams instead of being built in memory first.
    /// </summary>
    public static async Task WriteAsync(Utf8JsonWriter writer, PipeWriter body, ResourceTable table, IReadOnlyList<StoredObject> items,
        JsonObject listMeta, DateTimeOffset now, string includeObject, CancellationToken ct, bool withColumns = true)
    {
        var rows = table.Rows(items, now);
        writer.WriteStartObject();
        writer.WriteString("kind", "Table");
        writer.WriteString("apiVersion", "meta.k8s.io/v1");
        writer.WritePropertyName("metadata");
        listMeta.WriteTo(writer);
        if (withColumns) WriteColumns(writer, table);
        writer.WriteStartArray("rows");
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            writer.WriteStartObject();
            ResourceTable.WriteRow(writer, rows[index]);
            writer.WritePropertyName("object");
            switch (includeObject)
            {
                case "None": writer.WriteNullValue(); break;
                case "Object": item.WriteTo(writer); break;
                default:
                    writer.WriteStartObject();
                    writer.WriteString("kind", "PartialObjectMetadata");
                    writer.WriteString("apiVersion", "meta.k8s.io/v1");
                    writer.WritePropertyName("metadata");
                    item.WriteMetadataTo(writer);
                    writer.WriteEndObject();
                    break;
            }
            writer.WriteEndObject();
            await HttpJson.FlushEveryChunkAsync(writer, body, index, ct);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        // A long list's rows lie on the large object heap: cleared, they keep no cells alive until a full collection
        // (as ListPage.Release).
        Array.Clear(rows);
    }

    static void WriteColumns(Utf8JsonWriter writer, ResourceTable table)
    {
        writer.WriteStartArray("columnDefinitions");
        foreach (var c in table.Columns)
        {
            writer.WriteStartObject();
            ResourceTable.WriteStrings(writer, ("name", c.Name), ("type", c.Type), ("format", c.Format), ("description", c.Description));
            writer.WriteNumber("priority", c.Priority);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
