using System.Text.RegularExpressions;

namespace PodLife.ApiServer.Tests.Services;

/// <summary>Services through the real kubectl: create (which posts protobuf), expose, get, describe, cluster-info, get all.</summary>
public sealed class ServiceKubectlTests(ITestOutputHelper output) : InProcessKubectlTests(output)
{
    async Task<string> OkAsync(params string[] args)
    {
        var r = await Kubectl(args);
        Assert.True(r.ExitCode == 0, r.StdErr);
        return r.StdOut;
    }

    [Fact]
    public async Task ClusterInfoNamesTheControlPlane()
    {
        var text = await OkAsync("cluster-info");

        Assert.Contains($"Kubernetes control plane is running at {Api.Host.Url.ToString().TrimEnd('/')}", text, StringComparison.Ordinal);
        Assert.Contains("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatedAndExposedServicesPrintAsOnACluster()
    {
        Assert.Equal("service/my created\n", await OkAsync("create", "service", "clusterip", "my", "--tcp=80:8080"));
        Assert.Equal("service/np created\n", await OkAsync("create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080"));
        Assert.Equal("service/ext created\n", await OkAsync("create", "service", "externalname", "ext", "--external-name=db.example.com"));
        await OkAsync("run", "web", "--image=nginx:1.27", "--port=80", "--labels=app=web");
        Assert.Equal("service/web exposed\n", await OkAsync("expose", "pod", "web", "--port=80"));

        var wide = await OkAsync("get", "svc", "-o", "wide");
        Assert.Matches(@"^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\n", wide);
        Assert.Matches(new Regex(@"^ext\s+ExternalName\s+<none>\s+db\.example\.com\s+<none>\s+\S+\s+app=ext$", RegexOptions.Multiline), wide);
        Assert.Matches(new Regex(@"^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443/TCP\s+\S+\s+<none>$", RegexOptions.Multiline), wide);
        Assert.Matches(new Regex(@"^my\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80/TCP\s+\S+\s+app=my$", RegexOptions.Multiline), wide);
        Assert.Matches(new Regex(@"^np\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:30080/TCP\s+\S+\s+app=np$", RegexOptions.Multiline), wide);
        Assert.Matches(new Regex(@"^web\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80/TCP\s+\S+\s+app=web$", RegexOptions.Multiline), wide);

        var all = await OkAsync("get", "all");
        Assert.Matches(new Regex(@"^pod/web\s+\d/1\s+", RegexOptions.Multiline), all);
        Assert.Matches(new Regex(@"^service/kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+", RegexOptions.Multiline), all);
    }

    [Fact]
    public async Task DescribeShowsThePortsAndPolicies()
    {
        await OkAsync("create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080");

        var text = await OkAsync("describe", "svc", "np");
        Assert.Matches(@"Selector:\s+app=np\nType:\s+NodePort\nIP Family Policy:\s+SingleStack\nIP Families:\s+IPv4\nIP:\s+10\.", text);
        Assert.Matches(@"Port:\s+80-8080\s+80/TCP\nTargetPort:\s+8080/TCP\nNodePort:\s+80-8080\s+30080/TCP\nEndpoints:\s+<none>\nSession Affinity:\s+None\nExternal Traffic Policy:\s+Cluster\nInternal Traffic Policy:\s+Cluster\n", text);
    }

    [Fact]
    public async Task ATakenNodePortIsRefusedWithKubernetesMessage()
    {
        await OkAsync("create", "service", "nodeport", "np", "--tcp=80:8080", "--node-port=30080");

        var r = await Kubectl("create", "service", "nodeport", "np2", "--tcp=80:8080", "--node-port=30080");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("error: failed to create NodePort service: Service \"np2\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n", r.StdErr);
    }

    // Runs the test with a manifest file of the given text, removed after.
    static async Task WithManifestAsync(string yaml, Func<string, Task> test)
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"svc-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(manifest, yaml, TestContext.Current.CancellationToken);
        try
        {
            await test(manifest);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public Task ApplyingTheSameManifestAgainChangesNothing() => WithManifestAsync(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n",
        async manifest =>
        {
            Assert.Equal("service/app created\n", await OkAsync("apply", "-f", manifest));
            Assert.Equal("service/app unchanged\n", await OkAsync("apply", "-f", manifest));
        });

    [Fact]
    public Task ReplacingAServiceThatIsGoneCreatesItAgain() => WithManifestAsync(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: gone\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n",
        async manifest =>
        {
            // kubectl replace reads the object for its version, finds none, and PUTs it anyway: kube creates a Service so.
            Assert.Equal("service/gone replaced\n", await OkAsync("replace", "-f", manifest));
            Assert.Matches(@"^gone\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80/TCP\s+", await OkAsync("get", "svc", "gone", "--no-headers"));
        });
}
