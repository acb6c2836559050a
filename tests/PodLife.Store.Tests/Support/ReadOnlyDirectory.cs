using PodLife.Testing;

namespace PodLife.Store.Tests.Support;

/// <summary>
/// Makes a directory read-only for real: root ignores permission bits, so as root the directory is
/// made immutable (chattr +i); otherwise its write bits are removed.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public static class ReadOnlyDirectory
{
    public static async Task SetAsync(string path, bool readOnly)
    {
        if (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root")
        {
            var r = await ProcessRunner.RunAsync("chattr", [readOnly ? "+i" : "-i", path]);
            if (r.ExitCode != 0) throw new InvalidOperationException($"chattr failed: {r.StdErr}");
            return;
        }
        File.SetUnixFileMode(path, readOnly
            ? UnixFileMode.UserRead | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
