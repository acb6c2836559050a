using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tests.Registry;

public class ResourceStrategyTests
{
    [Fact]
    public void AStatusWriteTakesOnlyTheStatusOntoTheCopyOfTheStoredObject()
    {
        var oldCopy = JsonNode.Parse("""{"metadata":{"name":"p"},"spec":{"nodeName":"n1"},"status":{"phase":"Pending"}}""")!.AsObject();
        var written = JsonNode.Parse("""{"metadata":{"name":"p","labels":{"a":"b"}},"spec":{"nodeName":"n2"},"status":{"phase":"Running"}}""")!.AsObject();

        var next = new ResourceStrategy { HasStatus = true }.PrepareForStatusUpdate(written, oldCopy);

        Assert.Same(oldCopy, next);
        Assert.Equal("""{"metadata":{"name":"p"},"spec":{"nodeName":"n1"},"status":{"phase":"Running"}}""", next.ToJsonString());
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"p"}}""")]
    [InlineData("""{"metadata":{"name":"p"},"status":null}""")]
    public void AStatusWriteWithoutAStatusClearsIt(string body)
    {
        var oldCopy = JsonNode.Parse("""{"metadata":{"name":"p"},"status":{"phase":"Pending"}}""")!.AsObject();

        var next = new ResourceStrategy { HasStatus = true }.PrepareForStatusUpdate(JsonNode.Parse(body)!.AsObject(), oldCopy);

        Assert.Equal("""{"metadata":{"name":"p"}}""", next.ToJsonString());
    }
}
