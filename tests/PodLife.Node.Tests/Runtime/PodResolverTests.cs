using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Tests.Runtime;

/// <summary>The names a pod's resolver asks for (res_search with ndots), and the URLs wget and curl take.</summary>
public sealed class PodResolverTests
{
    static readonly string[] Searches = ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"];

    [Fact]
    public void AShortNameTriesTheSearchDomainsFirstAndAnAbsoluteNameOnlyItself()
    {
        Assert.Equal(["web.shop.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web"], PodResolver.Candidates("web", Searches, 5));
        Assert.Equal(["web.other.shop.svc.cluster.local", "web.other.svc.cluster.local", "web.other.cluster.local", "web.other"], PodResolver.Candidates("web.other", Searches, 5));
        Assert.Equal(["a.b.c.d.e.f", "a.b.c.d.e.f.shop.svc.cluster.local", "a.b.c.d.e.f.svc.cluster.local", "a.b.c.d.e.f.cluster.local"], PodResolver.Candidates("a.b.c.d.e.f", Searches, 5));
        Assert.Equal(["web.shop.svc.cluster.local"], PodResolver.Candidates("web.shop.svc.cluster.local.", Searches, 5));
    }

    [Theory]
    [InlineData("http://web", "web", 80, "/", "web", "index.html")]
    [InlineData("web:8080/healthz?x=1", "web", 8080, "/healthz?x=1", "web:8080", "healthz")]
    [InlineData("https://10.96.0.1/version", "10.96.0.1", 443, "/version", "10.96.0.1", "version")]
    [InlineData("web?q", "web", 80, "/?q", "web", "index.html")]
    public void UrlsAreReadAsWgetAndCurlReadThem(string url, string host, int port, string path, string shown, string file)
    {
        var target = HttpTarget.Parse(url)!;

        Assert.Equal((host, port, path, shown, file), (target.Host, target.Port, target.Path, target.HostAndPort, target.FileName));
    }

    [Theory]
    [InlineData("http://")]
    [InlineData("web:0")]
    [InlineData("web:99999")]
    [InlineData("web:http")]
    public void AUrlWithoutHostOrWithABadPortIsRefused(string url) => Assert.Null(HttpTarget.Parse(url));
}
