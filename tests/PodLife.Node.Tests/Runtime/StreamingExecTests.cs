using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

/// <summary>kubectl exec on the simulated runtime: live streams, stdin read as it arrives, an interactive shell on a terminal.</summary>
public sealed class StreamingExecTests
{
    [Fact]
    public async Task OutputGoesToItsStreamsAndTheExitCodeIsReturned()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");
        var client = new ExecClient();

        var code = await node.Runtime.ExecAsync(id, ["sh", "-c", "echo $GREETING; echo oops >&2; cat /etc/hostname; exit 3"], false,
            client.Streams(stdin: false, tty: false), RuntimeHarness.Token);

        Assert.Equal((3, "hi\npod\n", "oops\n"), (code, client.Out, client.Err));
    }

    [Theory]
    [InlineData("nope", "exec: \"nope\": executable file not found in $PATH: unknown")]
    [InlineData("/bin/nope", "exec: \"/bin/nope\": stat /bin/nope: no such file or directory: unknown")]
    [InlineData("bash", "exec: \"bash\": executable file not found in $PATH: unknown")]
    public async Task AProgramABusyboxImageLacksFailsToStartInRuncsWords(string program, string ending)
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");
        var client = new ExecClient();

        var e = await Assert.ThrowsAsync<ContainerRuntimeException>(() =>
            node.Runtime.ExecAsync(id, [program], false, client.Streams(stdin: true, tty: false), RuntimeHarness.Token));

        Assert.Matches("^failed to exec in container: failed to start exec \"[0-9a-f]{64}\": OCI runtime exec failed: exec failed: unable to start container process: ", e.Description);
        Assert.EndsWith(ending, e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItsShellSaysNotFoundWith127WhileUnsimulatedAppletsAndOtherImagesProgramsRun()
    {
        using var node = new RuntimeHarness();
        var busybox = await node.ShellAsync("sleep 3600");
        var debian = await node.ShellAsync("sleep 3600", "debian:12");
        var client = new ExecClient();

        Assert.Equal(127, await node.Runtime.ExecAsync(busybox, ["sh", "-c", "nope; echo $?; nope"], false, client.Streams(stdin: false, tty: false), RuntimeHarness.Token));
        Assert.Equal(("127\n", "sh: nope: not found\nsh: nope: not found\n"), (client.Out, client.Err));
        // busybox has ps, which the simulation does not act out; a Debian image may have anything.
        Assert.Equal(0, await node.Runtime.ExecAsync(busybox, ["ps"], false, new ExecClient().Streams(stdin: false, tty: false), RuntimeHarness.Token));
        Assert.Equal(0, await node.Runtime.ExecAsync(debian, ["nope"], false, new ExecClient().Streams(stdin: false, tty: false), RuntimeHarness.Token));
    }

    [Fact]
    public async Task StdinIsReadUntilTheClientClosesIt()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");
        var client = new ExecClient();

        var exec = node.Runtime.ExecAsync(id, ["cat"], false, client.Streams(stdin: true, tty: false), RuntimeHarness.Token);
        await client.TypeAsync("one\n");
        await client.TypeAsync("two\n");
        Assert.False(exec.IsCompleted);
        await client.CloseStdinAsync();

        Assert.Equal(0, await exec);
        Assert.Equal("one\ntwo\n", client.Out);
    }

    [Fact]
    public async Task ACommandThatDoesNotReadStdinDoesNotWaitForIt()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");
        var client = new ExecClient();

        var code = await node.Runtime.ExecAsync(id, ["sh", "-c", "echo done; exit 2"], false, client.Streams(stdin: true, tty: false), RuntimeHarness.Token);

        Assert.Equal((2, "done\n"), (code, client.Out));
    }

    [Fact]
    public async Task ABareShellOnATerminalPromptsEchoesAndRunsLineByLine()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");
        var client = new ExecClient();

        var exec = node.Runtime.ExecAsync(id, ["sh"], true, client.Streams(stdin: true, tty: true), RuntimeHarness.Token);
        await client.TypeAsync("echo $GREETING\r");
        await client.TypeAsync("echo bad\x7f\x7f\x7fgone\r");
        await client.TypeAsync("cd /tmp; false\r");
        await client.TypeAsync("exit\r");

        // exit without a status ends with the last command's.
        Assert.Equal(1, await exec);
        // The terminal echoes as the client types (before the shell reads the line); the shell's output keeps its order.
        var shown = client.Out;
        Assert.StartsWith("/ # ", shown);
        Assert.Contains("echo bad\b \b\b \b\b \bgone\r\n", shown);
        var output = shown.Replace("echo $GREETING\r\n", "").Replace("echo bad\b \b\b \b\b \bgone\r\n", "")
            .Replace("cd /tmp; false\r\n", "").Replace("exit\r\n", "");
        Assert.Equal("/ # hi\r\n/ # gone\r\n/ # /tmp # ", output);
    }

    [Fact]
    public async Task EndOfInputOnTheTerminalEndsTheShell()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("sleep 3600");
        var client = new ExecClient();

        var exec = node.Runtime.ExecAsync(id, ["/bin/sh", "-i"], true, client.Streams(stdin: true, tty: true), RuntimeHarness.Token);
        await client.TypeAsync("\x04");

        Assert.Equal(0, await exec);
        Assert.Equal("/ # ", client.Out);
    }

    [Fact]
    public async Task AnExecInAContainerThatIsNotRunningFails()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("exit 0");

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() =>
            node.Runtime.ExecAsync(id, ["true"], false, new ExecClient().Streams(false, false), RuntimeHarness.Token));

        Assert.Equal("failed to exec in container: container is in CONTAINER_EXITED state", error.Description);
    }
}
