using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

// The watch decoder's timestamps are the client's, whichever form they come in.
public sealed class Rfc3339DateTimeReaderTests
{
    static string PodAt(string timestamp) =>
        $"{{\"metadata\":{{\"name\":\"p\",\"creationTimestamp\":\"{timestamp}\"}},\"status\":{{\"startTime\":\"{timestamp}\"}}}}";

    [Theory]
    [InlineData("2026-12-04T17:05:09Z")]
    [InlineData("2024-02-29T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-12-04T17:05:09.123456Z")]
    [InlineData("2026-12-04T17:05:09.1Z")]
    [InlineData("2026-12-04T17:05:09.120Z")]
    [InlineData("2026-12-04T17:05:09.1234567Z")]
    [InlineData("2026-12-04T17:05:09.123456789Z")]
    [InlineData("2026-12-04T17:05:09.000000000001Z")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("2026-12-04T18:05:09+01:00")]
    [InlineData("2026-12-04T18:05:09.5+01:00")]
    [InlineData("2026-12-04T17:05:09\\u005A")]
    public void ReadsWhatTheClientReads(string timestamp)
    {
        var json = PodAt(timestamp);

        var client = JsonSerializer.Deserialize<V1Pod>(json, ModelJson.Options)!;
        var decoded = JsonSerializer.Deserialize<V1Pod>(json, ModelJson.DecodeOptions)!;

        Assert.Equal(client.Metadata.CreationTimestamp, decoded.Metadata.CreationTimestamp);
        Assert.Equal(client.Metadata.CreationTimestamp!.Value.Kind, decoded.Metadata.CreationTimestamp!.Value.Kind);
        Assert.Equal(client.Status.StartTime, decoded.Status.StartTime);
    }

    [Theory]
    [InlineData("2026-13-04T17:05:09Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2026-12-04T24:00:00Z")]
    [InlineData("2026-12-04T17:05:60Z")]
    [InlineData("2026-12-04 17:05:09Z")]
    [InlineData("2026-12-04T17:05:09.Z")]
    [InlineData("2026-12-04T17:05:09.12a4Z")]
    [InlineData("2026-12-04T17:05:09,5Z")]
    [InlineData("not a time")]
    public void WhatTheClientRejectsIsRejectedAlike(string timestamp)
    {
        var json = PodAt(timestamp);

        var client = Record.Exception(() => JsonSerializer.Deserialize<V1Pod>(json, ModelJson.Options));
        var decoded = Record.Exception(() => JsonSerializer.Deserialize<V1Pod>(json, ModelJson.DecodeOptions));

        Assert.NotNull(client);
        Assert.NotNull(decoded);
        Assert.Equal(client.GetType(), decoded.GetType());
    }

    [Fact]
    public void TheFastFormIsParsedWithoutTheClient()
    {
        Assert.True(Rfc3339DateTimeReader.TryParse("2026-12-04T17:05:09Z"u8, out var value));
        Assert.Equal(new DateTime(2026, 12, 4, 17, 5, 9, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.True(Rfc3339DateTimeReader.TryParse("2026-12-04T17:05:09.123456Z"u8, out var micro));
        Assert.Equal(value.AddTicks(1_234_560), micro);
        Assert.True(Rfc3339DateTimeReader.TryParse("2026-12-04T17:05:09.123456789Z"u8, out var nano));
        Assert.Equal(value.AddTicks(1_234_567), nano);
        Assert.False(Rfc3339DateTimeReader.TryParse("2026-02-30T17:05:09Z"u8, out _));
        Assert.False(Rfc3339DateTimeReader.TryParse("2026-12-04T17:05:09+00:00"u8, out _));
    }
}
