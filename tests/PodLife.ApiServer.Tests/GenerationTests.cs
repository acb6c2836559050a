using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Tests;

/// <summary>metadata.generation: pods carry one (1, then one more per spec change); nodes and namespaces have none, as in kube.</summary>
public sealed class GenerationTests : RawApiTests
{
    [Fact]
    public async Task APodCountsItsSpecChanges()
    {
        var created = await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods", Raw.PodJson("web"));
        Assert.Equal("1", created.Json["metadata"]!["generation"]!.ToJsonString());

        var patched = await Raw.SendAsync(Http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/web",
            """{"spec":{"activeDeadlineSeconds":600}}""", "application/merge-patch+json");
        Assert.True(patched.Code == 200, patched.Body);
        Assert.Equal("2", patched.Json["metadata"]!["generation"]!.ToJsonString());
    }

    [Fact]
    public async Task AWriteThatLeavesTheSpecAsItWasKeepsTheGeneration()
    {
        var created = await Raw.PostAsync(Http, "/api/v1/namespaces/default/pods", Raw.PodJson("web"));
        var labelled = await Raw.SendAsync(Http, HttpMethod.Patch, "/api/v1/namespaces/default/pods/web",
            """{"metadata":{"labels":{"tier":"front"}}}""", "application/merge-patch+json");
        Assert.True(labelled.Code == 200, labelled.Body);
        Assert.Equal("1", labelled.Json["metadata"]!["generation"]!.ToJsonString());

        // The same spec with its fields in the reverse order: equal, though it no longer encodes as stored.
        var pod = labelled.Json.AsObject();
        var spec = pod["spec"]!.AsObject();
        pod["spec"] = new JsonObject(spec.Reverse().Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())).ToList());
        pod["metadata"]!["labels"]!["tier"] = "back";
        var replaced = await Raw.PutAsync(Http, "/api/v1/namespaces/default/pods/web", pod.ToJsonString());
        Assert.True(replaced.Code == 200, replaced.Body);
        Assert.Equal("1", replaced.Json["metadata"]!["generation"]!.ToJsonString());
        Assert.Equal("back", replaced.Json["metadata"]!["labels"]!["tier"]!.ToString());
    }

    [Fact]
    public async Task NodesAndNamespacesHaveNone()
    {
        var node = await Raw.PostAsync(Http, "/api/v1/nodes", """{"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},"spec":{}}""");
        var ns = await Raw.PostAsync(Http, "/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"},"spec":{}}""");

        Assert.Null(node.Json["metadata"]!["generation"]);
        Assert.Null(ns.Json["metadata"]!["generation"]);
        Assert.IsType<JsonObject>(node.Json["spec"]);
    }
}
