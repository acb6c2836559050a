using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>Asserting that a kubectl (or podlife) run succeeded, with its stderr as the failure message.</summary>
static class KubectlResult
{
    public static ProcessRunner.Result Ok(ProcessRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.StdErr}");
        return r;
    }
}
