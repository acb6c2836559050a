using System.Text.Json;
using k8s;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

// Timestamps written by ModelJson.EncodeOptions must be KubernetesClient's text exactly.
public class Rfc3339DateTimeWriterTests
{
    [Fact]
    public void TimestampsAreKubernetesClientsText()
    {
        var random = new Random(20261204);
        var start = new DateTime(2026, 12, 4, 20, 1, 2, DateTimeKind.Utc);
        List<DateTime> times =
        [
            start, start.AddTicks(1), start.AddTicks(5), start.AddTicks(10), start.AddMilliseconds(345), start.AddTicks(9_999_999),
            new(5, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
            DateTime.SpecifyKind(start, DateTimeKind.Unspecified), DateTime.SpecifyKind(start, DateTimeKind.Local),
            DateTime.SpecifyKind(start.AddTicks(1234567), DateTimeKind.Local),
        ];
        for (var i = 0; i < 2000; i++)
        {
            var ticks = (long)(random.NextDouble() * DateTime.MaxValue.Ticks);
            times.Add(new DateTime(i % 3 == 0 ? ticks - ticks % TimeSpan.TicksPerSecond : ticks, DateTimeKind.Utc));
        }

        foreach (var time in times)
        {
            var condition = new V1PodCondition { Type = "Ready", Status = "True", LastTransitionTime = time, LastProbeTime = null };
            Assert.Equal(KubernetesJson.Serialize(condition), JsonSerializer.Serialize(condition, ModelJson.EncodeOptions));
        }
    }

    [Fact]
    public void ReadingIsKubernetesClientsToo()
    {
        const string json = """{"lastTransitionTime":"2026-12-04T20:01:02.345678Z","type":"Ready"}""";
        Assert.Equal(KubernetesJson.Deserialize<V1PodCondition>(json).LastTransitionTime,
            JsonSerializer.Deserialize<V1PodCondition>(json, ModelJson.EncodeOptions)!.LastTransitionTime);
    }
}
