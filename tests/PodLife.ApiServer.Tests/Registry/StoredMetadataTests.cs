using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.Store;

namespace PodLife.ApiServer.Tests.Registry;

// A Table row's PartialObjectMetadata: the stored metadata as it is, with the store revision as its resourceVersion.
public sealed class StoredMetadataTests
{
    static readonly ResourceDefinition Pods = ResourceCatalog.Create().Find("", "v1", "pods")!;

    static JsonNode? MetadataOf(string stored, long revision = 42)
    {
        var obj = StoredObject.FromStore(Pods, new KeyValue("/registry/pods/default/p", Encoding.UTF8.GetBytes(stored), 7, revision));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) obj.WriteMetadataTo(writer);
        return JsonNode.Parse(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"p","labels":{"a":"b \u0026 c"}},"spec":{}}""", """{"name":"p","labels":{"a":"b & c"},"resourceVersion":"42"}""")]
    [InlineData("""{"metadata":{},"spec":{}}""", """{"resourceVersion":"42"}""")]
    [InlineData("""{"metadata":{ "name" : "p" } ,"spec":{}}""", """{"name":"p","resourceVersion":"42"}""")]
    [InlineData("""{"kind":"Pod","metadata":{"name":"p"}}""", """{"name":"p","resourceVersion":"42"}""")]
    // Never stored so; the store revision still wins.
    [InlineData("""{"metadata":{"name":"p","resourceVersion":"1","uid":"u"}}""", """{"name":"p","uid":"u","resourceVersion":"42"}""")]
    // No metadata at all: the revision alone.
    [InlineData("""{"spec":{}}""", """{"resourceVersion":"42"}""")]
    public void TheStoredMetadataIsWrittenWithTheRevision(string stored, string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), MetadataOf(stored)), MetadataOf(stored)?.ToJsonString());
}
