using System.Text.Json;
using PodLife.Core.History;

namespace PodLife.ApiServer.History;

/// <summary>
/// A stored timeline's <c>podDeletedAt</c>, read without parsing the rest: the retention sweep and its index need only
/// that field, and it comes before the entries, which are most of the bytes.
/// </summary>
public static class TimelineDeletion
{
    static readonly byte[] Field = "podDeletedAt"u8.ToArray();

    /// <summary>
    /// When the timeline's pod was deleted; null while it exists. Reads the field as <see cref="PodTimelineJson.FromJson"/>
    /// does: a value that is not a string, or not a time, is null.
    /// </summary>
    public static DateTimeOffset? Read(ReadOnlySpan<byte> timeline)
    {
        var reader = new Utf8JsonReader(timeline);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var wanted = reader.ValueTextEquals(Field);
            reader.Read();
            if (wanted) return reader.TokenType == JsonTokenType.String ? MicroTime.Parse(reader.GetString()) : null;
            reader.Skip();
        }
        return null;
    }
}
