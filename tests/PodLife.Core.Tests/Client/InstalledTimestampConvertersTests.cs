using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

// `podlife` puts these converters into KubernetesClient's own options at start-up: what they read and write must be
// exactly what the client's converter reads and writes.
public sealed class InstalledTimestampConvertersTests
{
    static readonly JsonSerializerOptions Installed = WithConverters();

    static JsonSerializerOptions WithConverters()
    {
        var options = new JsonSerializerOptions(ModelJson.Options);
        ModelJson.AddTimestampConverters(options);
        return options;
    }

    [Theory]
    [InlineData("2026-12-04T17:05:09Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-12-04T17:05:09.123456Z")]
    [InlineData("2026-12-04T17:05:09.1Z")]
    [InlineData("2026-12-04T18:05:09+01:00")]
    public void ReadsWhatTheClientReads(string timestamp)
    {
        var json = $"{{\"type\":\"Ready\",\"lastTransitionTime\":\"{timestamp}\"}}";

        var client = JsonSerializer.Deserialize<V1PodCondition>(json, ModelJson.Options)!.LastTransitionTime!.Value;
        var installed = JsonSerializer.Deserialize<V1PodCondition>(json, Installed)!.LastTransitionTime!.Value;

        Assert.Equal(client, installed);
        Assert.Equal(client.Kind, installed.Kind);
    }

    [Theory]
    [InlineData("2026-13-04T17:05:09Z")]
    [InlineData("2026-12-04T17:05:60Z")]
    [InlineData("not a time")]
    public void RejectsWhatTheClientRejects(string timestamp)
    {
        var json = $"{{\"type\":\"Ready\",\"lastTransitionTime\":\"{timestamp}\"}}";

        var client = Record.Exception(() => JsonSerializer.Deserialize<V1PodCondition>(json, ModelJson.Options));
        var installed = Record.Exception(() => JsonSerializer.Deserialize<V1PodCondition>(json, Installed));

        Assert.NotNull(client);
        Assert.Equal(client.GetType(), installed?.GetType());
    }

    [Fact]
    public void WritesWhatTheClientWrites()
    {
        var random = new Random(20261205);
        var start = new DateTime(2026, 12, 5, 15, 23, 15, DateTimeKind.Utc);
        List<DateTime> times = [start, start.AddTicks(1), start.AddTicks(9_999_999), DateTime.SpecifyKind(start, DateTimeKind.Local)];
        for (var i = 0; i < 1000; i++) times.Add(new DateTime((long)(random.NextDouble() * DateTime.MaxValue.Ticks), DateTimeKind.Utc));

        foreach (var time in times)
        {
            var condition = new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = time };
            Assert.Equal(JsonSerializer.Serialize(condition, ModelJson.Options), JsonSerializer.Serialize(condition, Installed));
        }
    }
}
