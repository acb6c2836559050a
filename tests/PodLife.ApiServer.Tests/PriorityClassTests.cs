using System.Text.Json.Nodes;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests;

/// <summary>scheduling.k8s.io/v1 PriorityClasses and Priority admission of pods, over HTTP against the real server.</summary>
public sealed class PriorityClassTests : IAsyncLifetime
{
    const string Classes = "/apis/scheduling.k8s.io/v1/priorityclasses";
    const string Pods = "/api/v1/namespaces/default/pods";

    ApiServerFixture _api = null!;
    HttpClient Http { get; set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _api = await ApiServerFixture.StartAsync();
        Http = _api.Http;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _api.DisposeAsync();
    }

    static string Class(string name, long value, bool globalDefault = false, string? policy = null) =>
        new JsonObject
        {
            ["apiVersion"] = "scheduling.k8s.io/v1", ["kind"] = "PriorityClass", ["metadata"] = new JsonObject { ["name"] = name },
            ["value"] = value, ["globalDefault"] = globalDefault, ["preemptionPolicy"] = policy,
        }.ToJsonString();

    static string Pod(string name, string spec) =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + spec
        + "\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.36\"}]}}";

    async Task<Raw.Answer> CreatedAsync(string path, string body)
    {
        var answer = await Raw.PostAsync(Http, path, body);
        Assert.True(answer.Code == 201, answer.Body);
        return answer;
    }

    [Fact]
    public async Task TheSystemClassesExistFromStartUpAndCannotBeDeleted()
    {
        var list = (await Raw.GetAsync(Http, Classes)).Json["items"]!.AsArray();
        Assert.Equal(["system-cluster-critical=2000000000 PreemptLowerPriority", "system-node-critical=2000001000 PreemptLowerPriority"],
            list.Select(i => $"{i!["metadata"]!["name"]}={i["value"]} {i["preemptionPolicy"]}"));
        var delete = await Raw.DeleteAsync(Http, Classes + "/system-node-critical");
        Assert.Equal((403, "priorityclasses.scheduling.k8s.io \"system-node-critical\" is forbidden: this is a system priority class and cannot be deleted"),
            (delete.Code, delete.Message));
    }

    [Fact]
    public async Task APodNamingAClassGetsItsValueAndPolicy()
    {
        await CreatedAsync(Classes, Class("batch", 1000, policy: "Never"));
        var pod = (await CreatedAsync(Pods, Pod("job", "\"priorityClassName\":\"batch\","))).Json;
        Assert.Equal("1000 Never batch", $"{pod["spec"]!["priority"]} {pod["spec"]!["preemptionPolicy"]} {pod["spec"]!["priorityClassName"]}");
    }

    [Fact]
    public async Task APodWithoutAClassGetsTheGlobalDefaultOrZero()
    {
        var plain = (await CreatedAsync(Pods, Pod("before", ""))).Json;
        Assert.Equal("0 PreemptLowerPriority", $"{plain["spec"]!["priority"]} {plain["spec"]!["preemptionPolicy"]}");
        await CreatedAsync(Classes, Class("everyone", 42, globalDefault: true));
        var defaulted = (await CreatedAsync(Pods, Pod("after", ""))).Json;
        Assert.Equal("42 everyone", $"{defaulted["spec"]!["priority"]} {defaulted["spec"]!["priorityClassName"]}");
    }

    [Fact]
    public async Task AGlobalDefaultDeletedOrWrittenByAnotherServerIsSeenByTheNextPod()
    {
        await CreatedAsync(Classes, Class("everyone", 42, globalDefault: true));
        Assert.Equal("42", (await CreatedAsync(Pods, Pod("first", ""))).Json["spec"]!["priority"]!.ToString());
        Assert.Equal(200, (await Raw.DeleteAsync(Http, Classes + "/everyone")).Code);
        Assert.Equal("0", (await CreatedAsync(Pods, Pod("second", ""))).Json["spec"]!["priority"]!.ToString());

        // Another API server on the same store: only the store's watch tells this one.
        var stored = System.Text.Encoding.UTF8.GetBytes(Class("elsewhere", 7, globalDefault: true));
        await _api.Host.Store.CreateAsync("/registry/priorityclasses/elsewhere", stored, TestContext.Current.CancellationToken);
        var priority = "";
        for (var i = 0; i < 100 && priority != "7"; i++)
        {
            if (i > 0) await Task.Delay(50, TestContext.Current.CancellationToken);
            priority = (await CreatedAsync(Pods, Pod($"third-{i}", ""))).Json["spec"]!["priority"]!.ToString();
        }
        Assert.Equal("7", priority);
    }

    [Theory]
    [InlineData("\"priorityClassName\":\"foo\",", "pods \"p\" is forbidden: no PriorityClass with name foo was found")]
    [InlineData("\"priority\":5,",
        "pods \"p\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name")]
    public async Task PodsThatDoNotResolveAreForbidden(string spec, string message)
    {
        var answer = await Raw.PostAsync(Http, Pods, Pod("p", spec));
        Assert.Equal((403, "Forbidden", message), (answer.Code, answer.Reason, answer.Message));
    }

    [Fact]
    public async Task OnlyOneClassMayBeTheGlobalDefault()
    {
        await CreatedAsync(Classes, Class("first", 1, globalDefault: true));
        var second = await Raw.PostAsync(Http, Classes, Class("second", 2, globalDefault: true));
        Assert.Equal((403, "priorityclasses.scheduling.k8s.io \"second\" is forbidden: PriorityClass first is already marked as default. Only one default can exist"),
            (second.Code, second.Message));
    }

    [Fact]
    public async Task UserClassesAreLimitedAndValueIsImmutable()
    {
        var huge = await Raw.PostAsync(Http, Classes, Class("huge", 1_000_000_001));
        Assert.Equal((422, "PriorityClass.scheduling.k8s.io \"huge\" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000"),
            (huge.Code, huge.Message));
        var reserved = await Raw.PostAsync(Http, Classes, Class("system-mine", 1));
        Assert.Equal(422, reserved.Code);
        Assert.Contains("priority class names with 'system-' prefix are reserved for system use only", reserved.Message);

        var created = (await CreatedAsync(Classes, Class("mid", 10))).Json;
        created["value"] = 11;
        var changed = await Raw.PutAsync(Http, Classes + "/mid", created.ToJsonString());
        Assert.Equal((422, "PriorityClass.scheduling.k8s.io \"mid\" is invalid: value: Forbidden: may not be changed in an update."), (changed.Code, changed.Message));
    }

    [Fact]
    public async Task TheTableHasKubectlsColumns()
    {
        var table = (await Raw.GetAsync(Http, Classes + "/system-node-critical", Raw.TableAccept)).Json;
        Assert.Equal("Name Value Global-Default Age PreemptionPolicy",
            string.Join(' ', table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("system-node-critical 2000001000 false PreemptLowerPriority", $"{cells[0]} {cells[1]} {cells[2]!.ToJsonString()} {cells[4]}");
    }

    [Fact]
    public async Task DiscoveryListsPriorityClassesWithTheirShortName()
    {
        var resources = (await Raw.GetAsync(Http, "/apis/scheduling.k8s.io/v1")).Json["resources"]!.AsArray();
        var pc = resources.Single(r => r!["name"]!.GetValue<string>() == "priorityclasses")!;
        Assert.Equal("PriorityClass false pc", $"{pc["kind"]} {pc["namespaced"]} {pc["shortNames"]![0]}");
    }
}
