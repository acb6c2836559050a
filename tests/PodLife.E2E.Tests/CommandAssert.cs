using PodLife.Testing;

namespace PodLife.E2E.Tests;

/// <summary>Assertions on commands the tests run (kubectl, python3).</summary>
public static class CommandAssert
{
    /// <summary>Asserts exit code 0 (showing stderr otherwise) and returns the result.</summary>
    public static ProcessRunner.Result Ok(ProcessRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.StdErr} {r.StdOut}");
        return r;
    }
}
