using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

public sealed class WatchEventDecoderTests
{
    static (WatchEventType Type, T Object) Decode<T>(string line) => WatchEventDecoder.Decode<T>(Encoding.UTF8.GetBytes(line));

    [Fact]
    public void AModifiedPodIsDecodedWithItsQuantitiesAndTimes()
    {
        var (type, pod) = Decode<V1Pod>("""
            {"type":"MODIFIED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default","resourceVersion":"42",
            "creationTimestamp":"2026-12-04T10:00:00Z"},"spec":{"containers":[{"name":"app","image":"nginx","resources":{"requests":{"cpu":"250m"}}}]}}}
            """.ReplaceLineEndings(""));

        Assert.Equal(WatchEventType.Modified, type);
        Assert.Equal("web", pod.Name());
        Assert.Equal("42", pod.ResourceVersion());
        Assert.Equal(new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc), pod.Metadata.CreationTimestamp);
        Assert.Equal(0.25m, pod.Spec.Containers[0].Resources.Requests["cpu"].ToDecimal());
    }

    [Theory]
    [InlineData("ADDED", WatchEventType.Added)]
    [InlineData("DELETED", WatchEventType.Deleted)]
    [InlineData("BOOKMARK", WatchEventType.Bookmark)]
    public void EveryTypeIsRead(string wire, WatchEventType expected)
    {
        var (type, pod) = Decode<V1Pod>("{\"type\":\"" + wire + "\",\"object\":{\"kind\":\"Pod\",\"metadata\":{\"resourceVersion\":\"7\"}}}");

        Assert.Equal(expected, type);
        Assert.Equal("7", pod.ResourceVersion());
    }

    [Fact]
    public void AnObjectBeforeItsTypeAndUnknownFieldsAreAccepted()
    {
        var (type, node) = Decode<V1Node>("""{"object":{"kind":"Node","metadata":{"name":"n1"}},"extra":[1,{"a":2}],"type":"ADDED"}""");

        Assert.Equal(WatchEventType.Added, type);
        Assert.Equal("n1", node.Name());
    }

    [Theory]
    [InlineData("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (9)","reason":"Expired","code":410}}""")]
    [InlineData("""{"object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (9)","reason":"Expired","code":410},"type":"ERROR"}""")]
    public void AnErrorEventIsItsStatusAsAnException(string line)
    {
        var e = Assert.Throws<KubernetesException>(() => Decode<V1Pod>(line));

        Assert.Equal(410, e.Status.Code);
        Assert.Equal("Expired", e.Status.Reason);
        Assert.Equal("too old resource version: 1 (9)", e.Status.Message);
    }

    [Theory]
    [InlineData("""{"type":"CHANGED","object":{}}""")]
    [InlineData("""{"object":{"kind":"Pod"}}""")]
    [InlineData("""{"type":"ADDED"}""")]
    [InlineData("""{"type":"ADDED","object":null}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"type":"ADDED","object":{"kind":"Pod",""")]
    public void AMalformedLineIsAJsonError(string line) => Assert.ThrowsAny<JsonException>(() => Decode<V1Pod>(line));

    [Theory]
    [InlineData("""{"type":"MODIFIED","object":{"kind":"Pod"}}""", WatchEventType.Modified)]
    [InlineData("""{"type":"ERROR","object":{"kind":"Status","code":410}}""", WatchEventType.Error)]
    [InlineData("""{"object":{"kind":"Pod"},"type":"ADDED"}""", null)]
    [InlineData("""{"type":"RENAMED","object":{}}""", null)]
    [InlineData("""not json""", null)]
    public void PeekTypeReadsTheTypeOnlyWhenItComesFirst(string line, WatchEventType? expected) =>
        Assert.Equal(expected, WatchEventDecoder.PeekType(Encoding.UTF8.GetBytes(line)));
}
