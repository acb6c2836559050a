using System.Text;
using System.Text.Json;
using PodLife.Core.Streaming;

namespace PodLife.Core.Tests.Streaming;

/// <summary>Reading an exec's Status as a kubelet (or containerd's streaming server) sends it on the error channel.</summary>
public sealed class ExecStatusTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(137)]
    public void What_is_written_reads_back_as_the_exit_code(int code) =>
        Assert.Equal((code, (string?)null), ExecStatus.Read(JsonSerializer.SerializeToUtf8Bytes(ExecStatus.Exited(code))));

    [Fact]
    public void No_status_is_success_and_a_failure_reads_as_the_nodes_words()
    {
        Assert.Equal((0, (string?)null), ExecStatus.Read([]));
        Assert.Equal(((int?)null, "error executing command in container: exec: \"nope\" not found"),
            ExecStatus.Read(JsonSerializer.SerializeToUtf8Bytes(ExecStatus.InternalError("error executing command in container: exec: \"nope\" not found"))));
        Assert.Equal(((int?)null, "boom"), ExecStatus.Read(Encoding.UTF8.GetBytes("""{"status":"Failure","message":"boom"}""")));
    }
}
