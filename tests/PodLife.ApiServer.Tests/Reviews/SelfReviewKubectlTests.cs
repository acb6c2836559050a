namespace PodLife.ApiServer.Tests.Reviews;

/// <summary>`kubectl auth can-i` and `kubectl auth whoami` (the real kubectl, which posts its reviews as protobuf).</summary>
public sealed class SelfReviewKubectlTests(ITestOutputHelper output) : InProcessKubectlTests(output)
{
    [Theory]
    [InlineData("create", "pods")]
    [InlineData("delete", "nodes/n1")]
    [InlineData("*", "*")]
    [InlineData("get", "/healthz")]
    public async Task TheAdminCanDoAnything(string verb, string what)
    {
        var r = await Kubectl("auth", "can-i", verb, what);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("yes\n", r.StdOut);
    }

    [Fact]
    public async Task WhoAmINamesTheAdminAndItsGroups()
    {
        var r = await Kubectl("auth", "whoami");

        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^ATTRIBUTE\s+VALUE\nUsername\s+admin\nGroups\s+\[system:masters system:authenticated\]\n$", r.StdOut);
    }

    [Fact]
    public async Task CanIListShowsTheAdminsRules()
    {
        var r = await Kubectl("auth", "can-i", "--list");

        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n\*\.\*\s+\[\]\s+\[\]\s+\[\*\]\n", r.StdOut);
        Assert.Matches(@"\nselfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]\n", r.StdOut);
        Assert.Matches(@"\n\s+\[/healthz\]\s+\[\]\s+\[get\]\n", r.StdOut);
    }
}
