using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Patching;

namespace PodLife.ApiServer.Tests.Patching;

/// <summary>Field ownership of server-side apply (behaviour from k8s.io/apiserver fieldmanager and structured-merge-diff).</summary>
public class ServerSideApplyTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-25T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    static JsonObject Config(string labels, string containers = """[{"name":"main","image":"busybox:1.36"}]""") => JsonNode.Parse(
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":""" + labels + """},"spec":{"containers":""" + containers + "}}")!.AsObject();

    static JsonObject Apply(JsonObject? live, JsonObject config, string manager, bool force = false) =>
        ServerSideApply.Apply(live, config, manager, force, typeof(V1Pod), Now);

    [Fact]
    public void TheFirstApplyOwnsEveryLeafItSets()
    {
        var pod = Apply(null, Config("""{"app":"web"}"""), "kubectl");
        var entry = Assert.Single(pod["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal(("kubectl", "Apply", "v1", "2026-11-25T10:00:00Z"),
            (entry["manager"]!.GetValue<string>(), entry["operation"]!.GetValue<string>(), entry["apiVersion"]!.GetValue<string>(), entry["time"]!.GetValue<string>()));
        Assert.Equal("""{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"main\"}":{".":{},"f:image":{},"f:name":{}}}}}""",
            entry["fieldsV1"]!.ToJsonString(PodLife.ApiServer.Http.HttpJson.SerializerOptions));
        Assert.Equal("web", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public void ApplyingAnotherManagersFieldWithADifferentValueConflicts()
    {
        var pod = Apply(null, Config("""{"app":"web"}"""), "alice");
        var e = Assert.Throws<PatchException>(() => Apply(pod, Config("""{"app":"api"}"""), "bob"));
        Assert.Equal(409, e.StatusCode);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"alice\": .metadata.labels.app", e.Message);
    }

    [Fact]
    public void SeveralConflictsAreListedByManager()
    {
        var pod = Apply(null, Config("""{"app":"web","tier":"front"}"""), "alice");
        var e = Assert.Throws<PatchException>(() => Apply(pod, Config("""{"app":"api","tier":"back"}""", """[{"name":"main","image":"nginx"}]"""), "bob"));
        Assert.Equal("Apply failed with 3 conflicts: conflicts with \"alice\":\n- .metadata.labels.app\n- .metadata.labels.tier\n- .spec.containers[name=\"main\"].image", e.Message);
    }

    [Fact]
    public void TheSameValueIsSharedAndForceTakesAFieldOver()
    {
        var pod = Apply(null, Config("""{"app":"web"}"""), "alice");
        pod = Apply(pod, Config("""{"app":"web"}"""), "bob");
        Assert.Equal(2, pod["metadata"]!["managedFields"]!.AsArray().Count);

        pod = Apply(pod, Config("""{"app":"api"}"""), "bob", force: true);
        Assert.Equal("api", pod["metadata"]!["labels"]!["app"]!.GetValue<string>());
        var alice = pod["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == "alice")!;
        Assert.DoesNotContain("f:app", alice["fieldsV1"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFieldNoLongerAppliedIsRemovedUnlessAnotherManagerOwnsIt()
    {
        var pod = Apply(null, Config("""{"app":"web","tier":"front","team":"a"}""", """[{"name":"main","image":"busybox"},{"name":"side","image":"busybox"}]"""), "alice");
        pod = Apply(pod, Config("""{"team":"a"}""", """[{"name":"main","image":"busybox"},{"name":"side","image":"busybox"}]"""), "bob");
        pod = Apply(pod, Config("""{"app":"web"}""", """[{"name":"main","image":"busybox"}]"""), "alice");

        Assert.Equal("""{"app":"web","team":"a"}""", pod["metadata"]!["labels"]!.ToJsonString());
        // "side" is still bob's; "main" both applied.
        Assert.Equal(2, pod["spec"]!["containers"]!.AsArray().Count);
        pod = Apply(pod, Config("""{"team":"a"}""", """[{"name":"main","image":"busybox"}]"""), "bob");
        Assert.Equal("main", Assert.Single(pod["spec"]!["containers"]!.AsArray())!["name"]!.GetValue<string>());
    }
}
