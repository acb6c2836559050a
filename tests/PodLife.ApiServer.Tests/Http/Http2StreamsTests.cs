using System.Net;
using System.Security.Cryptography.X509Certificates;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Http;

// kube-apiserver allows 1,000 concurrent streams per HTTP/2 connection, so one client connection carries many watches.
public sealed class Http2StreamsTests
{
    [Fact]
    public async Task OneHttp2ConnectionCarriesMoreThanAHundredWatches()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ApiServerFixture.StartAsync();
        var ca = X509Certificate2.CreateFromPem(server.Host.Certificates.CaCertificatePem);
        using var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = false, // a 101st stream over a limit of 100 would wait, not open a connection
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, chain, _) =>
            {
                if (cert is null || chain is null) return false;
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(cert));
            } },
        };
        using var http = new HttpClient(handler) { BaseAddress = server.Host.Url, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.Host.AdminToken);

        var watches = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ =>
            http.GetAsync("/api/v1/namespaces/default/pods?watch=true", HttpCompletionOption.ResponseHeadersRead, ct).WaitAsync(TimeSpan.FromSeconds(30), ct)));

        Assert.All(watches, w => Assert.Equal(HttpStatusCode.OK, w.StatusCode));
        foreach (var w in watches) w.Dispose();
    }
}
