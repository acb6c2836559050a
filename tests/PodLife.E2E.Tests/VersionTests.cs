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

    [Theory]
    [InlineData("up", "usage: podlife up ")]
    [InlineData("server", "usage: podlife server ")]
    [InlineData("node", "usage: podlife node ")]
    [InlineData("explain", "usage: podlife explain POD")]
    [InlineData("timeline", "usage: podlife timeline POD")]
    [InlineData("bench", "usage: podlife bench all")]
    public async Task HelpAfterAnyVerbPrintsItsUsageAndExitsZero(string verb, string usage)
    {
        // Also after other arguments, as in `podlife bench lifecycle --help` or `podlife explain mypod -h`.
        foreach (string[] args in (string[][])[[verb, "--help"], [verb, "something", "-h"]])
        {
            var r = await ProcessRunner.RunAsync(PodlifeBinary.Path, args, ct: TestContext.Current.CancellationToken);
            Assert.Equal((0, ""), (r.ExitCode, r.StdErr));
            Assert.StartsWith(usage, r.StdOut);
            Assert.DoesNotMatch(@"\S {2,}--", r.StdOut); // each option's description on its own line
        }
    }
}
