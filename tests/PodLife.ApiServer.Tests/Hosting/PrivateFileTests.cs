using PodLife.ApiServer.Security;

namespace PodLife.ApiServer.Tests.Hosting;

// Files holding secrets (the token file) are readable by their owner alone, also when appended to.
public sealed class PrivateFileTests
{
    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void AnAppendedFileIsCreatedPrivateAndKeepsWhatItHad()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new PodLife.Testing.TempDirectory();
        var path = Path.Combine(dir.Path, "sub", "tokens.csv");

        PrivateFile.Append(path, "a\n");
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));

        File.SetUnixFileMode(path, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead); // as an older version left it
        PrivateFile.Append(path, "b\n");
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        Assert.Equal("a\nb\n", File.ReadAllText(path));
    }

    [Fact]
    public void TheTokenFileIsPrivateAndKeepsItsTokens()
    {
        if (OperatingSystem.IsWindows()) return;
        using var dir = new PodLife.Testing.TempDirectory();
        var path = Path.Combine(dir.Path, "tokens.csv");

        var file = TokenFile.LoadOrCreate(path);
        var node = file.NodeToken("n1");

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(path));
        var reloaded = TokenFile.LoadOrCreate(path);
        Assert.Equal((file.AdminToken, node), (reloaded.AdminToken, reloaded.NodeToken("n1")));
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }
}
