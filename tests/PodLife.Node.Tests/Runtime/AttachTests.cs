using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

/// <summary>kubectl attach on the simulated runtime: the main process's output from now on, and its stdin when it keeps one.</summary>
public sealed class AttachTests
{
    static Task<string> ShellWithStdinAsync(RuntimeHarness node, bool tty, bool stdinOnce) =>
        node.RunAsync("busybox:1.36", ["sh"], configure: c => c with { Stdin = true, StdinOnce = stdinOnce, Tty = tty, Env = [new("GREETING", "hi")] });

    // `kubectl run -i[t] … -- sh`: a shell that keeps stdin open, and a client attached to it with stdin.
    static async Task<(string Id, ExecClient Client, Task Attach)> AttachedShellAsync(RuntimeHarness node, bool tty, bool stdinOnce)
    {
        var id = await ShellWithStdinAsync(node, tty, stdinOnce);
        var client = new ExecClient();
        return (id, client, node.Runtime.AttachAsync(id, tty, client.Streams(stdin: true, tty: tty), RuntimeHarness.Token));
    }

    // The simulation runs on its own clock: wait until the attached client has seen what it waits for.
    static async Task SeenAsync(Func<string> shown, string expected)
    {
        for (var i = 0; i < 500 && !shown().Contains(expected, StringComparison.Ordinal); i++) await Task.Delay(10, RuntimeHarness.Token);
        Assert.Contains(expected, shown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClientSeesTheOutputWrittenAfterItAttachedUntilTheContainerExits()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("echo before; sleep 10; echo after; echo oops >&2; sleep 10; echo last");
        var client = new ExecClient();

        var attach = node.Runtime.AttachAsync(id, false, client.Streams(stdin: false, tty: false), RuntimeHarness.Token);
        node.Advance(10);
        await SeenAsync(() => client.Err, "oops\n");
        Assert.False(attach.IsCompleted);
        node.Advance(10);
        await attach;

        Assert.Equal(("after\nlast\n", "oops\n"), (client.Out, client.Err));
        Assert.Equal(ContainerState.Exited, (await node.StatusAsync(id)).State);
    }

    [Fact]
    public async Task OnATerminalTheShellPromptsAndRunsWhatIsTypedAndTheEchoIsInTheLog()
    {
        using var node = new RuntimeHarness();
        var (id, client, attach) = await AttachedShellAsync(node, tty: true, stdinOnce: true);
        await client.TypeAsync("echo $GREETING\r");
        await SeenAsync(() => client.Out, "hi\r\n/ # ");
        await client.TypeAsync("exit 3\r");
        await attach;

        Assert.Equal("echo $GREETING\r\nhi\r\n/ # exit 3\r\n", client.Out);
        var status = await node.StatusAsync(id);
        Assert.Equal((ContainerState.Exited, 3), (status.State, status.ExitCode));
        Assert.Equal("/ # echo $GREETING\r\nhi\n/ # exit 3\r", await node.LogAsync(id));
    }

    [Fact]
    public async Task CommandsTypedIntoTheMainShellAreItsChildrenNotTheContainersProgram()
    {
        using var node = new RuntimeHarness();
        var (id, client, attach) = await AttachedShellAsync(node, tty: true, stdinOnce: true);
        // ps is a busybox applet the simulation does not act out: it returns at once instead of running like a server.
        await client.TypeAsync("ps\r");
        await SeenAsync(() => client.Out, "ps\r\n/ # ");
        await client.TypeAsync("nope\r");
        await SeenAsync(() => client.Out, "sh: nope: not found\r\n/ # ");
        await client.TypeAsync("touch /tmp/b /tmp/a; ls /tmp\r");
        await SeenAsync(() => client.Out, "a\r\nb\r\n/ # ");
        await client.TypeAsync("exit\r");
        await attach;

        Assert.Equal(0, (await node.StatusAsync(id)).ExitCode);
    }

    [Fact]
    public async Task WithoutATerminalTheShellRunsEachLineAsItArrives()
    {
        using var node = new RuntimeHarness();
        var (id, client, attach) = await AttachedShellAsync(node, tty: false, stdinOnce: true);
        await client.TypeAsync("echo $GREETING\n");
        await SeenAsync(() => client.Out, "hi\n");
        await client.TypeAsync("exit 4\n");
        await attach;

        Assert.Equal(("hi\n", ""), (client.Out, client.Err));
        var status = await node.StatusAsync(id);
        Assert.Equal((ContainerState.Exited, 4), (status.State, status.ExitCode));
    }

    [Fact]
    public async Task WithStdinOnceTheEndOfTheFirstClientsStdinIsTheEndOfTheContainersStdin()
    {
        using var node = new RuntimeHarness();
        var (id, client, attach) = await AttachedShellAsync(node, tty: false, stdinOnce: true);
        await client.TypeAsync("echo $GREETING\n");
        await SeenAsync(() => client.Out, "hi\n");
        Assert.False(attach.IsCompleted);
        await client.CloseStdinAsync();
        await attach;

        // The shell read the end of its input: it exits with the last command's status.
        var status = await node.StatusAsync(id);
        Assert.Equal((ContainerState.Exited, 0), (status.State, status.ExitCode));
    }

    [Fact]
    public async Task WithoutStdinOnceTheContainerOutlivesAClientThatLeaves()
    {
        using var node = new RuntimeHarness();
        var id = await ShellWithStdinAsync(node, tty: true, stdinOnce: false);
        var first = new ExecClient();
        using (var leaving = CancellationTokenSource.CreateLinkedTokenSource(RuntimeHarness.Token))
        {
            var attach = node.Runtime.AttachAsync(id, true, first.Streams(stdin: true, tty: true), leaving.Token);
            await first.TypeAsync("echo one\r");
            await SeenAsync(() => first.Out, "one\r\n");
            await first.CloseStdinAsync();
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attach);
        }
        Assert.Equal(ContainerState.Running, (await node.StatusAsync(id)).State);

        var second = new ExecClient();
        var again = node.Runtime.AttachAsync(id, true, second.Streams(stdin: true, tty: true), RuntimeHarness.Token);
        await second.TypeAsync("exit 5\r");
        await again;
        Assert.Equal("exit 5\r\n", second.Out);
        Assert.Equal(5, (await node.StatusAsync(id)).ExitCode);
    }

    [Fact]
    public async Task AttachingToAContainerThatIsNotRunningFails()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("exit 0");

        var error = await Assert.ThrowsAsync<ContainerRuntimeException>(() =>
            node.Runtime.AttachAsync(id, false, new ExecClient().Streams(false, false), RuntimeHarness.Token));

        Assert.Equal("container is in CONTAINER_EXITED state", error.Description);
    }
}
