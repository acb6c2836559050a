using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PodLife.Node.Cri.Setup;

/// <summary>A Docker registry (Debian's docker-registry) on a loopback port, storing its blobs under a directory PodLife owns.</summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    readonly BackgroundProcess _process;

    LocalRegistry(BackgroundProcess process, string address) => (_process, Address) = (process, address);

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    /// <summary>Starts the registry on a free loopback port with its storage in <paramref name="directory"/>/storage.</summary>
    public static async Task<LocalRegistry> StartAsync(string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var address = $"127.0.0.1:{FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}";
        var config = Path.Combine(directory, "registry.yml");
        await File.WriteAllTextAsync(config, $$$"""
            version: 0.1
            log: {level: warn}
            storage: {filesystem: {rootdirectory: {{{Path.Combine(directory, "storage")}}}}, delete: {enabled: true}}
            http: {addr: {{{address}}}}
            """, ct).ConfigureAwait(false);
        var process = BackgroundProcess.Start("docker-registry", ["serve", config], Path.Combine(directory, "registry.log"));
        var registry = new LocalRegistry(process, address);
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) break;
            try
            {
                if ((await http.GetAsync(new Uri($"http://{address}/v2/"), ct).ConfigureAwait(false)).StatusCode == HttpStatusCode.OK) return registry;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
        await registry.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"docker-registry did not come up on {address}: {process.Tail()}");
    }

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
