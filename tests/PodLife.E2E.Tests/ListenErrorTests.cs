using System.Net;
using System.Net.Sockets;
using PodLife.Testing;

namespace PodLife.E2E.Tests;

public class ListenErrorTests
{
    [Theory]
    [InlineData("up")]
    [InlineData("server")]
    public async Task APortInUseIsOneLineOnStderrAndExitCodeOne(string command)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dataDir = Directory.CreateTempSubdirectory("podlife-listen-").FullName;
        try
        {
            var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, [command, "--data-dir", dataDir, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ct: TestContext.Current.CancellationToken);
            Assert.Equal(1, r.ExitCode);
            // No stack trace from the host's logger before it: the one line is all.
            Assert.Equal($"podlife {command}: cannot listen on 127.0.0.1:{port}: address already in use\n", r.StdErr);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
