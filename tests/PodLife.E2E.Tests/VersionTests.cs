using PodLife.Testing;

namespace PodLife.E2E.Tests;

public class VersionTests
{
    [Fact]
    public async Task VersionPrintsTheProductNameAndASemanticVersion()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["version"], ct: TestContext.Current.CancellationToken);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^podlife \d+\.\d+\.\d+\n$", r.StdOut);
    }

    [Fact]
    public async Task AnUnknownCommandIsOneLineOnStderrAndExitCodeTwo()
    {
        var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, ["frobnicate"], ct: TestContext.Current.CancellationToken);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Single(r.StdErr.TrimEnd('\n').Split('\n'));
        Assert.Contains("unknown command \"frobnicate\"", r.StdErr);
    }
}
