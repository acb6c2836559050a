using System.Text.RegularExpressions;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Discovery;

/// <summary>The real kubectl (v1.32) discovering the API server through aggregated discovery.</summary>
public sealed class DiscoveryKubectlTests(ITestOutputHelper output) : InProcessKubectlTests(output)
{
    [Fact]
    public async Task KubectlGetReadsEveryResourceFromTheAggregatedDocumentsAlone()
    {
        var result = await Kubectl("get", "po", "-v=8");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(new Regex(@"Response Headers:\s*\n(.*\n)*?.*Content-Type: application/json;g=apidiscovery\.k8s\.io;v=v2;as=APIGroupDiscoveryList"), result.StdErr);
        // With aggregated discovery kubectl never asks for the per-group/version resource lists.
        Assert.DoesNotMatch(new Regex(@"GET https://[^/\s]+/api/v1\?timeout"), result.StdErr);
        Assert.DoesNotMatch(new Regex(@"GET https://[^/\s]+/apis/[^/\s]+/[^/\s]+\?timeout"), result.StdErr);
        Assert.Matches(new Regex(@"GET https://127\.0\.0\.1:\d+/api/v1/namespaces/default/pods\?limit=500"), result.StdErr);
    }

    [Fact]
    public async Task KubectlApiResourcesListsTheServedKindsWithShortNamesAndGroups()
    {
        var result = await Kubectl("api-resources");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("NAME", result.StdOut);
        Assert.Matches(new Regex(@"\npods\s+po\s+v1\s+true\s+Pod\n"), result.StdOut);
        Assert.Matches(new Regex(@"\nnodes\s+no\s+v1\s+false\s+Node\n"), result.StdOut);
        Assert.Matches(new Regex(@"\nleases\s+coordination\.k8s\.io/v1\s+true\s+Lease\n"), result.StdOut);
        Assert.Matches(new Regex(@"\nevents\s+ev\s+events\.k8s\.io/v1\s+true\s+Event\n"), result.StdOut);
        Assert.Matches(new Regex(@"\npodtimelines\s+pt\s+podlife\.dev/v1\s+true\s+PodTimeline\n"), result.StdOut);
        var wide = await Kubectl("api-resources", "--api-group=", "-o", "wide");
        Assert.Matches(new Regex(@"\npods\s+po\s+v1\s+true\s+Pod\s+create,delete,deletecollection,get,list,patch,update,watch\s+all\n"), wide.StdOut);
    }
}
