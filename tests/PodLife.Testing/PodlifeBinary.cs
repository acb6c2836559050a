namespace PodLife.Testing;

/// <summary>Locates the published `podlife` binary that end-to-end tests run, as a user would.</summary>
public static class PodlifeBinary
{
    public static string Path
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("PODLIFE_BIN");
            if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv)) return fromEnv;

            // Fallback for running a test project directly: the repo's publish folder.
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "artifacts", "podlife", "podlife");
                if (File.Exists(candidate)) return candidate;
            }
            throw new FileNotFoundException(
                "podlife binary not found: run ./test.sh, or `dotnet publish src/PodLife.Cli -c Release -o artifacts/podlife`, or set PODLIFE_BIN");
        }
    }
}
