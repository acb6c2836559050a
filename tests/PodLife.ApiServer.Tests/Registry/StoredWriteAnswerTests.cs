using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary>
/// A write to a kind stored as it is served (pods) answers from the bytes it stored, not from its tree encoded again: the
/// answer is byte for byte what a read shows, carries the write's new resourceVersion, and keeps every value as written
/// (escapes, non-ASCII text) through the copy.
/// </summary>
public sealed class StoredWriteAnswerTests : RawApiTests
{
    const string Pods = "/api/v1/namespaces/default/pods";
    const string Annotation = "\u00e9t\u00e9 \"quoted\" <tag> &amp; \\ \u2013\n\ttab";

    static string PodBody(string name, string? node = null) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["annotations"] = new JsonObject { ["note"] = Annotation } },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = node,
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox:1.36" }),
        },
    }.ToJsonString();

    [Fact]
    public async Task CreateStatusPatchUpdateAndGracefulDeleteAnswerAsAReadShowsTheObject()
    {
        var created = await Raw.PostAsync(Http, Pods, PodBody("web", node: "node-1"));
        Assert.Equal(201, created.Code);
        await AssertAnswersAsReadAsync(created);
        Assert.Equal(Annotation, created.Json["metadata"]!["annotations"]!["note"]!.GetValue<string>());

        var patched = await Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/web/status",
            """{"status":{"phase":"Running","podIP":"10.0.0.7"}}""", "application/merge-patch+json");
        Assert.Equal(200, patched.Code);
        Assert.Equal("Running", patched.Json["status"]!["phase"]!.GetValue<string>());
        Assert.NotEqual(Version(created), Version(patched));
        await AssertAnswersAsReadAsync(patched);

        var labelled = patched.Json;
        labelled["metadata"]!["labels"] = new JsonObject { ["app"] = "web" };
        var replaced = await Raw.PutAsync(Http, $"{Pods}/web", labelled.ToJsonString());
        Assert.Equal(200, replaced.Code);
        Assert.Equal("web", replaced.Json["metadata"]!["labels"]!["app"]!.GetValue<string>());
        await AssertAnswersAsReadAsync(replaced);

        // Bound to a node: the delete marks it and keeps it until the node confirms.
        var deleting = await Raw.DeleteAsync(Http, $"{Pods}/web");
        Assert.Equal(200, deleting.Code);
        Assert.NotNull(deleting.Json["metadata"]!["deletionTimestamp"]);
        await AssertAnswersAsReadAsync(deleting);
    }

    [Fact]
    public async Task ANoOpUpdateAndADryRunAnswerWithoutStoring()
    {
        var created = await Raw.PostAsync(Http, Pods, PodBody("same"));
        var again = await Raw.PutAsync(Http, $"{Pods}/same", created.Body);
        Assert.Equal(200, again.Code);
        Assert.Equal(Version(created), Version(again));
        await AssertAnswersAsReadAsync(again);

        var dry = await Raw.PostAsync(Http, $"{Pods}?dryRun=All", PodBody("dry"));
        Assert.Equal(201, dry.Code);
        Assert.Equal(Annotation, dry.Json["metadata"]!["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal(404, (await Raw.GetAsync(Http, $"{Pods}/dry")).Code);
    }

    async Task AssertAnswersAsReadAsync(Raw.Answer answer)
    {
        var read = await Raw.GetAsync(Http, $"{Pods}/{answer.Json["metadata"]!["name"]!.GetValue<string>()}");
        Assert.Equal(read.Body, answer.Body);
        Assert.Equal(Version(read), Version(answer));
    }

    static string Version(Raw.Answer answer) => answer.Json["metadata"]!["resourceVersion"]!.GetValue<string>();
}
