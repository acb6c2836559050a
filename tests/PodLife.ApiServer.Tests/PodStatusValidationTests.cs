using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>pods/status writes are validated as kube-apiserver's podStatusStrategy does (ValidatePodStatusUpdate).</summary>
public sealed class PodStatusValidationTests : RawApiTests
{
    const string Pods = "/api/v1/namespaces/default/pods";
    const string MergePatch = "application/merge-patch+json";

    static string Pod(string restartPolicy) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"nodeName\":\"n1\",\"restartPolicy\":\"" + restartPolicy + "\","
        + "\"initContainers\":[{\"name\":\"sidecar\",\"image\":\"busybox:1.36\",\"restartPolicy\":\"Always\"},{\"name\":\"init\",\"image\":\"busybox:1.36\"}],"
        + "\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.36\"}]}}";

    static string Terminated(string name, int exitCode) =>
        "{\"name\":\"" + name + "\",\"image\":\"busybox:1.36\",\"imageID\":\"\",\"ready\":false,\"restartCount\":0,"
        + "\"state\":{\"terminated\":{\"exitCode\":" + exitCode + ",\"reason\":\"" + (exitCode == 0 ? "Completed" : "Error") + "\"}}}";

    static string Running(string name) =>
        "{\"name\":\"" + name + "\",\"image\":\"busybox:1.36\",\"imageID\":\"\",\"ready\":true,\"restartCount\":1,"
        + "\"state\":{\"running\":{\"startedAt\":\"2026-11-01T12:00:05Z\"}}}";

    Task<Raw.Answer> PatchStatusAsync(string status) =>
        Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/web/status", "{\"status\":" + status + "}", MergePatch);

    [Theory]
    [InlineData("Never", 0, false)]
    [InlineData("Never", 1, false)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 1, true)]  // a failed container may run again under OnFailure
    [InlineData("Always", 0, true)]
    [InlineData("Always", 1, true)]
    public async Task ATerminatedContainerRunsAgainOnlyAsItsRestartPolicyAllows(string policy, int exitCode, bool allowed)
    {
        Assert.Equal(201, (await Raw.PostAsync(Http, Pods, Pod(policy))).Code);
        Assert.Equal(200, (await PatchStatusAsync("{\"containerStatuses\":[" + Terminated("main", exitCode) + "]}")).Code);

        var answer = await PatchStatusAsync("{\"containerStatuses\":[" + Running("main") + "]}");

        if (allowed)
        {
            Assert.Equal(200, answer.Code);
            return;
        }
        Assert.Equal(422, answer.Code);
        Assert.Equal("Invalid", answer.Reason);
        Assert.Equal("Pod \"web\" is invalid: status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state", answer.Message);
        // Refused, so nothing was written: the container is still terminated.
        var stored = (await Raw.GetAsync(Http, $"{Pods}/web")).Json;
        Assert.NotNull(stored["status"]!["containerStatuses"]![0]!["state"]!["terminated"]);
    }

    [Fact]
    public async Task ASidecarInitContainerMayRunAgainButAnOrdinaryInitContainerMayNot()
    {
        await Raw.PostAsync(Http, Pods, Pod("Never"));
        Assert.Equal(200, (await PatchStatusAsync("{\"initContainerStatuses\":[" + Terminated("sidecar", 0) + "," + Terminated("init", 0) + "]}")).Code);

        Assert.Equal(200, (await PatchStatusAsync("{\"initContainerStatuses\":[" + Running("sidecar") + "," + Terminated("init", 0) + "]}")).Code);
        var answer = await PatchStatusAsync("{\"initContainerStatuses\":[" + Running("sidecar") + "," + Running("init") + "]}");

        Assert.Equal(422, answer.Code);
        Assert.Equal("Pod \"web\" is invalid: status.initContainerStatuses[1].state: Forbidden: may not be transitioned to non-terminated state", answer.Message);
    }

    [Fact]
    public async Task ANominatedNodeMustBeAValidNodeName()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web"));

        var answer = await PatchStatusAsync("{\"nominatedNodeName\":\"Bad_Node\"}");

        Assert.Equal(422, answer.Code);
        Assert.StartsWith("Pod \"web\" is invalid: status.nominatedNodeName: Invalid value: \"Bad_Node\": a lowercase RFC 1123 subdomain", answer.Message);
        Assert.Equal(200, (await PatchStatusAsync("{\"nominatedNodeName\":\"node-1\"}")).Code);
    }

    [Fact]
    public async Task LabelsAndAnnotationsWrittenWithAStatusStandButOwnersAndSpecDoNot()
    {
        var created = (await Raw.PostAsync(Http, Pods, Raw.PodJson("web", node: "n1",
            extraMetadata: ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\"u-1\"}]"))).Json;

        var answer = await PatchStatusWithMetadataAsync(
            "{\"labels\":{\"tier\":\"web\"},\"annotations\":{\"note\":\"hi\"},\"ownerReferences\":null}",
            "\"spec\":{\"nodeName\":\"n2\"}");

        Assert.Equal(200, answer.Code);
        var stored = (await Raw.GetAsync(Http, $"{Pods}/web")).Json;
        Assert.Equal("web", stored["metadata"]!["labels"]!["tier"]!.GetValue<string>());
        Assert.Equal("hi", stored["metadata"]!["annotations"]!["note"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["uid"]!.GetValue<string>(), stored["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("owner", stored["metadata"]!["ownerReferences"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("n1", stored["spec"]!["nodeName"]!.GetValue<string>());
        Assert.Equal("Running", stored["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInvalidLabelWrittenWithAStatusIsRefusedAndNothingIsWritten()
    {
        await Raw.PostAsync(Http, Pods, Raw.PodJson("web", node: "n1"));

        var answer = await PatchStatusWithMetadataAsync("{\"labels\":{\"bad key!\":\"x\"}}");

        Assert.Equal(422, answer.Code);
        Assert.StartsWith("Pod \"web\" is invalid: metadata.labels: Invalid value: \"bad key!\": name part must consist of", answer.Message);
        var stored = (await Raw.GetAsync(Http, $"{Pods}/web")).Json;
        Assert.Null(stored["metadata"]!["labels"]);
        Assert.Equal("Pending", stored["status"]!["phase"]!.GetValue<string>());
    }

    Task<Raw.Answer> PatchStatusWithMetadataAsync(string metadata, string extra = "") =>
        Raw.SendAsync(Http, HttpMethod.Patch, $"{Pods}/web/status",
            "{\"metadata\":" + metadata + (extra.Length > 0 ? "," + extra : "") + ",\"status\":{\"phase\":\"Running\"}}", MergePatch);
}
