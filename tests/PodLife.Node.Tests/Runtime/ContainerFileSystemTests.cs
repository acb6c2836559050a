using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Tests.Runtime;

/// <summary>A container's file system builds its layer on first use, and answers reads before that as the layer would.</summary>
public sealed class ContainerFileSystemTests
{
    static readonly Dictionary<string, string> ImageFiles = new()
    {
        ["/etc/os-release"] = "ID=busybox\n",
        ["/usr/share/html/index.html"] = "<h1>hello</h1>\n",
    };

    static (ContainerFileSystem Fs, FileTree Volume) Create()
    {
        var volume = new FileTree();
        volume.Write("/message", "from the volume", append: false);
        var fs = new ContainerFileSystem(ImageFiles, "/work/dir", ["/etc/hostname"], p => p == "/etc/hostname" ? "pod-a\n" : null);
        fs.Mount("/data", volume, readOnly: false);
        return (fs, volume);
    }

    [Theory]
    [InlineData("/etc/hostname")]
    [InlineData("/etc/os-release")]
    [InlineData("/usr/share/html/index.html")]
    [InlineData("/data/message")]
    [InlineData("/data/missing")]
    [InlineData("/etc/passwd")]
    [InlineData("/dev/null")]
    public void A_read_before_the_layer_exists_answers_as_the_built_layer_does(string path)
    {
        var (lazy, _) = Create();
        var (built, _) = Create();
        Assert.True(built.IsDirectory("/"));
        Assert.True(built.IsLayerBuilt);

        Assert.Equal(built.Read(path), lazy.Read(path));
        Assert.False(lazy.IsLayerBuilt);
    }

    [Fact]
    public void The_built_layer_holds_the_image_files_the_mount_point_the_working_directory_and_the_hostname()
    {
        var (fs, volume) = Create();

        Assert.Equal("pod-a\n", fs.Read("/etc/hostname"));
        Assert.True(fs.IsDirectory("/work/dir"));
        Assert.True(fs.IsDirectory("/data"));
        Assert.True(fs.IsDirectory("/usr/share/html"));
        Assert.True(fs.IsLayerBuilt);
        Assert.True(fs.Write("/data/new", "x", append: false));
        Assert.Equal("x", volume.Read("/new"));
    }

    [Fact]
    public void A_write_to_a_volume_before_the_layer_exists_is_read_back_through_the_mount()
    {
        var (fs, volume) = Create();
        volume.Write("/message", "changed by another container", append: false);

        Assert.Equal("changed by another container", fs.Read("/data/message"));
        Assert.False(fs.IsLayerBuilt);
    }
}
