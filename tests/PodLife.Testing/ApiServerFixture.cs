using k8s;
using Microsoft.Extensions.Time.Testing;
using PodLife.ApiServer.Hosting;

namespace PodLife.Testing;

/// <summary>
/// The real API server started in-process on a free loopback port with its own data directory, plus clients for it:
/// the official KubernetesClient and a raw HttpClient (both trusting the generated CA and sending the admin token).
/// </summary>
public sealed class ApiServerFixture : IAsyncDisposable
{
    public required ApiServerHost Host { get; init; }
    public required string DataDir { get; init; }
    public required FakeTimeProvider Clock { get; init; }
    public required Kubernetes Client { get; init; }

    /// <summary>Where the fixture's fake clock starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A client with the admin token.</summary>
    public HttpClient Http => HttpWithToken(Host.AdminToken);

    public static async Task<ApiServerFixture> StartAsync(TimeSpan? bookmarkInterval = null, FakeTimeProvider? clock = null, TimeSpan? historyFlushInterval = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("podlife-api-").FullName;
        clock ??= new FakeTimeProvider(Start);
        var host = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDir = dataDir,
            Port = 0,
            Clock = clock,
            BookmarkInterval = bookmarkInterval ?? TimeSpan.FromMinutes(1),
            HistoryFlushInterval = historyFlushInterval ?? new PodLife.ApiServer.History.HistoryOptions().FlushInterval,
        });
        var config = KubernetesClientConfiguration.BuildConfigFromConfigObject(host.AdminKubeconfig());
        return new ApiServerFixture { Host = host, DataDir = dataDir, Clock = clock, Client = new Kubernetes(config) };
    }

    /// <summary>A raw client that trusts the server's CA and sends <paramref name="token"/> (null: no Authorization header).</summary>
    public HttpClient HttpWithToken(string? token) => Host.CreateHttpClient(token);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
    }
}
