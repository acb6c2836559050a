namespace PodLife.Testing;

/// <summary>A fresh directory under the system temp directory, deleted (with its contents) on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("podlife-").FullName;

    /// <summary>A fresh directory under <paramref name="parent"/> (e.g. a tmpfs), or under temp if it does not exist.</summary>
    public TempDirectory(string parent) =>
        Path = Directory.Exists(parent) ? Directory.CreateDirectory(System.IO.Path.Combine(parent, $"podlife-{Guid.NewGuid():N}")).FullName : new TempDirectory().Path;

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a process we started may still be closing its files; the OS cleans temp later
    }
}
