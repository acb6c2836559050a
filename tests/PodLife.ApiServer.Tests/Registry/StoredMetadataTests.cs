using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.Store;

namespace PodLife.ApiServer.Tests.Registry;

// A Table row's PartialObjectMetadata, and a whole object as a watch event or a get sends it: what is stored, with the
// store revision as its resourceVersion.
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

    static string Whole(string stored, long revision = 42)
    {
        var obj = StoredObject.FromStore(Pods, new KeyValue("/registry/pods/default/p", Encoding.UTF8.GetBytes(stored), 7, revision));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) obj.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b \u0026 c"}},"spec":{"x":[1,{"y":null}]}}""",
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"a":"b & c"},"resourceVersion":"42"},"spec":{"x":[1,{"y":null}]}}""")]
    [InlineData("""{"metadata":{},"spec":{}}""", """{"metadata":{"resourceVersion":"42"},"spec":{}}""")]
    [InlineData("""{"spec":{},"metadata":{"name":"p"}}""", """{"spec":{},"metadata":{"name":"p","resourceVersion":"42"}}""")]
    // Never stored so; the store revision still wins.
    [InlineData("""{"metadata":{"name":"p","resourceVersion":"1","uid":"u"}}""", """{"metadata":{"name":"p","uid":"u","resourceVersion":"42"}}""")]
    [InlineData("""{"metadata":"odd","spec":{}}""", """{"metadata":"odd","spec":{}}""")]
    public void TheWholeStoredObjectIsWrittenWithTheRevision(string stored, string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(Whole(stored))), Whole(stored));

    [Fact]
    public void TheStoredBytesAreCopiedAsTheyAre()
    {
        const string Stored = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"a":"<b>"}},"spec":{"n":1.50}}""";
        Assert.Equal("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"a":"<b>"},"resourceVersion":"42"},"spec":{"n":1.50}}""", Whole(Stored));
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"p"},"spec":{"a":}""")]
    [InlineData("""{"metadata":{"name":"p"},"spec":{}""")]
    public void ADamagedStoredObjectFailsInsteadOfGoingOutAsBrokenJson(string stored) =>
        Assert.ThrowsAny<JsonException>(() => Whole(stored));
}
