using Microsoft.AspNetCore.Http;
using PodLife.ApiServer.Exec;
using PodLife.ApiServer.Http;
using PodLife.Core.Streaming;

namespace PodLife.ApiServer.Tests.Exec;

/// <summary>pods/exec's query (PodExecOptions as kubectl sends it) and the Status an exec ends with.</summary>
public class PodExecOptionsTests
{
    static PodExecOptions Parse(string query) => PodExecOptions.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));

    [Fact]
    public void KubectlsQueryIsRead()
    {
        var options = Parse("?command=sh&command=-c&command=echo+%24HOME&container=main&stdin=true&stdout=true&tty=true");
        Assert.Equal(("main", true, true, false, true), (options.Container, options.Stdin, options.Stdout, options.Stderr, options.Tty));
        Assert.Equal(["sh", "-c", "echo $HOME"], options.Command);
    }

    [Fact]
    public void AnAttachHasNoCommandEvenWhenOneIsSent()
    {
        var options = PodExecOptions.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery("?command=ls&container=main&stdin=true&stdout=true&tty=true")), attach: true);
        Assert.Equal(("main", true, true, false, true), (options.Container, options.Stdin, options.Stdout, options.Stderr, options.Tty));
        Assert.Empty(options.Command);
        Assert.True(options.Request("default", "p", "main").IsAttach);
        var none = Assert.Throws<StatusException>(() => PodExecOptions.Parse(new QueryCollection(), attach: true));
        Assert.Equal((400, "you must specify at least 1 of stdin, stdout, stderr"), (none.Code, none.Message));
    }

    [Fact]
    public void ATerminalHasNoSeparateStderr() => Assert.False(Parse("?command=sh&stdout=1&stderr=1&tty=1").Stderr);

    [Theory]
    [InlineData("?stdout=true", "you must specify at least 1 command")]
    [InlineData("?command=ls", "you must specify at least 1 of stdin, stdout, stderr")]
    [InlineData("?command=ls&stdout=yes", "strconv.ParseBool: parsing \"yes\": invalid syntax")]
    public void BadQueriesAreBadRequests(string query, string message)
    {
        var e = Assert.Throws<StatusException>(() => Parse(query));
        Assert.Equal((400, message), (e.Code, e.Message));
    }

    [Fact]
    public void AZeroExitIsSuccessAndOthersCarryTheirCodeAsKubectlReadsIt()
    {
        Assert.Equal("""{"metadata":{},"status":"Success"}""", ExecStatus.Exited(0).ToJsonString());
        Assert.Equal(
            """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: command terminated with exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}""",
            ExecStatus.Exited(3).ToJsonString());
    }

    [Fact]
    public void ANodeRefusalIsAnInternalError() =>
        Assert.Equal(
            """{"metadata":{},"status":"Failure","message":"Internal error occurred: unable to upgrade connection: container not found (\u0022app\u0022)","reason":"InternalError","details":{"causes":[{"message":"unable to upgrade connection: container not found (\u0022app\u0022)"}]},"code":500}""",
            ExecStatus.InternalError("unable to upgrade connection: container not found (\"app\")").ToJsonString());
}
