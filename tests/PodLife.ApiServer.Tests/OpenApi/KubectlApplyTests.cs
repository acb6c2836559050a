using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PodLife.ApiServer.Patching;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.OpenApi;

/// <summary>
/// kubectl apply computes its strategic merge patch from our OpenAPI v3 schemas; the test server holds one pod
/// and applies what kubectl sends with <see cref="PatchApplier"/>.
/// </summary>
public class KubectlApplyTests(ITestOutputHelper output)
{
    const string Applied = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"default","labels":{"app":"web"}},
         "spec":{"containers":[{"name":"c","image":"nginx","env":[{"name":"A","value":"1"}]}]}}
        """;

    [Fact]
    public async Task KubectlApplySendsAStrategicMergePatchBuiltFromTheOpenApiSchema()
    {
        var live = JsonNode.Parse(Applied)!;
        live["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = JsonNode.Parse(Applied)!.ToJsonString() };
        live["metadata"]!["resourceVersion"] = "1";
        live["spec"]!["containers"]![0]!["terminationMessagePath"] = "/dev/termination-log"; // set by the server
        string? contentType = null, patch = null;
        await using var server = await OpenApiTestServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/namespaces/default/pods/p", () => Results.Content(live.ToJsonString(), "application/json"));
            app.MapMethods("/api/v1/namespaces/default/pods/p", ["PATCH"], async (HttpRequest request) =>
            {
                contentType = request.ContentType;
                patch = await new StreamReader(request.Body).ReadToEndAsync();
                live = PatchApplier.Apply(contentType!, live, System.Text.Encoding.UTF8.GetBytes(patch), typeof(V1Pod));
                return Results.Content(live.ToJsonString(), "application/json");
            });
        });
        var home = Directory.CreateTempSubdirectory("podlife-apply-").FullName;
        var manifest = Path.Combine(home, "pod.json");
        await File.WriteAllTextAsync(manifest, Applied.Replace("\"web\"", "\"api\"").Replace("""{"name":"A","value":"1"}""",
            """{"name":"A","value":"1"},{"name":"B","value":"2"}"""), TestContext.Current.CancellationToken);

        var result = await ProcessRunner.RunAsync("kubectl", ["--server", server.Url, "apply", "-f", manifest, "-v=5"],
            new Dictionary<string, string> { ["HOME"] = home, ["KUBECONFIG"] = Path.Combine(home, "none") },
            timeout: TimeSpan.FromSeconds(60), ct: TestContext.Current.CancellationToken);
        output.WriteLine($"{result.StdOut}{result.StdErr}\nPATCH {contentType}\n{patch}");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("pod/p configured\n", result.StdOut);
        // At -v=5 kubectl logs when it cannot use the OpenAPI v3 schema and falls back to its compiled-in types.
        Assert.DoesNotContain("OpenAPI V3 path", result.StdErr);
        Assert.DoesNotContain("error calculating patch", result.StdErr);
        Assert.Equal("application/strategic-merge-patch+json", contentType);
        Assert.Contains("\"$setElementOrder/env\":[{\"name\":\"A\"},{\"name\":\"B\"}]", patch);
        Assert.Equal("api", (string?)live["metadata"]!["labels"]!["app"]);
        Assert.Equal("/dev/termination-log", (string?)live["spec"]!["containers"]![0]!["terminationMessagePath"]);
        Assert.Equal(["A", "B"], live["spec"]!["containers"]![0]!["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Directory.Delete(home, recursive: true);
    }
}
