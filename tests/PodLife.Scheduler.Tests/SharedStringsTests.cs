using System.Text.Json;
using k8s.Models;
using PodLife.Scheduler.Api;

namespace PodLife.Scheduler.Tests;

// Decoding with shared strings gives the same objects as without, with one instance per repeated value.
public sealed class SharedStringsTests
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new SharedStrings() } };

    const string Pod = """
        {"metadata":{"name":"web-1","namespace":"default","labels":{"app":"web"}},
         "spec":{"nodeName":"node-7","containers":[{"name":"web","image":"nginx:1.27"}]},
         "status":{"phase":"Running","message":"a \"quoted\" message","conditions":[{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}]}}
        """;

    [Fact]
    public void RepeatedValuesShareOneInstance()
    {
        var a = JsonSerializer.Deserialize<V1Pod>(Pod, Options)!;
        var b = JsonSerializer.Deserialize<V1Pod>(Pod, Options)!;

        Assert.Same(a.Spec.NodeName, b.Spec.NodeName);
        Assert.Same(a.Metadata.NamespaceProperty, b.Metadata.NamespaceProperty);
        Assert.Same(a.Status.Conditions[0].Status, a.Status.Conditions[1].Status);
        Assert.Same(a.Metadata.Labels.Keys.Single(), b.Metadata.Labels.Keys.Single());
    }

    [Fact]
    public void ValuesAreDecodedAsWithoutSharing()
    {
        var shared = JsonSerializer.Deserialize<V1Pod>(Pod, Options)!;
        var plain = JsonSerializer.Deserialize<V1Pod>(Pod, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(JsonSerializer.Serialize(plain), JsonSerializer.Serialize(shared));
        Assert.Equal("a \"quoted\" message", shared.Status.Message);
        Assert.Null(JsonSerializer.Deserialize<V1Pod>("""{"metadata":{"name":null}}""", Options)!.Metadata.Name);
    }

    [Fact]
    public void ATokenThatIsNotAStringIsRejectedAsBefore()
    {
        Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<V1Pod>("""{"metadata":{"name":5}}""", Options));
    }

    [Fact]
    public void TransientOptionsDecodeWithoutSharing()
    {
        var transient = PodLife.Core.Client.ModelJson.WithoutStringSharing(Options);
        var a = JsonSerializer.Deserialize<V1Pod>(Pod, transient)!;
        var b = JsonSerializer.Deserialize<V1Pod>(Pod, transient)!;

        Assert.NotSame(a.Spec.NodeName, b.Spec.NodeName);
        Assert.Equal(a.Spec.NodeName, b.Spec.NodeName);
        Assert.Single(Options.Converters);
        Assert.Empty(transient.Converters);
        Assert.Equal(Options.PropertyNamingPolicy, transient.PropertyNamingPolicy);
    }

    [Fact]
    public void CollidingValuesStayDistinct()
    {
        var converter = new SharedStrings(slots: 1); // every value lands in the same slot
        var options = new JsonSerializerOptions { Converters = { converter } };

        Assert.Equal(["a", "b", "a", "b"], JsonSerializer.Deserialize<string[]>("""["a","b","a","b"]""", options)!);
    }
}
