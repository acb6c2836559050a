using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tests.Registry;

public class StoredMembersTests
{
    const string Stored = """{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Pending"}}""";

    [Fact]
    public void TheFieldsACopyLeavesAloneAreTheSameAndTheOthersAreNot()
    {
        var old = JsonNode.Parse(Stored)!.AsObject();
        var next = (JsonObject)old.DeepClone();
        next["status"]!["phase"] = "Running";
        next["extra"] = 1;

        var same = StoredMembers.SameAs(next, old);

        Assert.Equal([true, true, true, false, false], Enumerable.Range(0, next.Count).Select(same.Contains));
        Assert.False(StoredMembers.Equal(next, old, same));
    }

    [Theory]
    // The same content in another order is equal, as JsonNode.DeepEquals has it, though it encodes otherwise.
    [InlineData("""{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Pending"}}""", true)]
    [InlineData("""{"metadata":{"name":"p"},"kind":"Pod","status":{"phase":"Pending"},"spec":{"containers":[{"name":"c"}]}}""", true)]
    [InlineData("""{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"d"}]},"status":{"phase":"Pending"}}""", false)]
    [InlineData("""{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]}}""", false)]
    [InlineData("""{"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Pending"},"x":null}""", false)]
    public void EqualIsDeepEquals(string written, bool equal)
    {
        var old = JsonNode.Parse(Stored)!.AsObject();
        var next = JsonNode.Parse(written)!.AsObject();

        Assert.Equal(JsonNode.DeepEquals(next, old), StoredMembers.Equal(next, old, StoredMembers.SameAs(next, old)));
        Assert.Equal(equal, StoredMembers.Equal(next, old, StoredMembers.SameAs(next, old)));
    }

    [Fact]
    public void NormalizeLeavesTheSkippedFieldsAlone()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"c"}]},"status":{"startTime":"2026-11-01T12:00:01.5Z"}}""")!.AsObject();

        EncodedForm.Normalize(pod, typeof(k8s.Models.V1Pod), new StoredMembers.Set(0b01));

        Assert.Equal("""{"spec":{"containers":[{"name":"c"}]},"status":{"startTime":"2026-11-01T12:00:01Z"}}""", pod.ToJsonString());
    }
}
