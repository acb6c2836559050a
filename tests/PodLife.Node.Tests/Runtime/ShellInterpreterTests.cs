using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

public sealed class ShellInterpreterTests
{
    // Expected output and exit status are what busybox sh (1.36) prints for the same script.
    [Theory]
    [InlineData("echo hello", "hello", 0)]
    [InlineData("exit 3", "", 3)]
    [InlineData("exit 300", "", 44)]
    [InlineData("false || echo recovered", "recovered", 0)]
    [InlineData("true && echo yes; false && echo no", "yes", 1)]
    [InlineData("! false && echo negated", "negated", 0)]
    [InlineData("echo \"a  b\" 'c $HOME' $GREETING ${GREETING}!", "a  b c $HOME hi hi!", 0)]
    [InlineData("echo ${UNSET:-fallback} [$UNSET]", "fallback []", 0)]
    [InlineData("printf '%s-%d\\n' a 5 b 6", "a-5\nb-6", 0)]
    [InlineData("echo -n a; echo b", "ab", 0)]
    [InlineData("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2", 0)]
    [InlineData("until [ -f /tmp/done ]; do touch /tmp/done; echo once; done", "once", 0)]
    [InlineData("for x in a b c; do echo $x; done", "a\nb\nc", 0)]
    [InlineData("for i in $(seq 3); do echo n$i; done", "n1\nn2\nn3", 0)]
    [InlineData("if [ -f /tmp/x ]; then echo yes; else echo no; fi", "no", 0)]
    [InlineData("if false; then echo 1; elif true; then echo 2; fi", "2", 0)]
    [InlineData("touch /tmp/a && [ -f /tmp/a ] && echo exists", "exists", 0)]
    [InlineData("echo hi > /tmp/f; echo there >> /tmp/f; cat /tmp/f", "hi\nthere", 0)]
    [InlineData("{ echo a; echo b; } > /tmp/g; cat /tmp/g", "a\nb", 0)]
    [InlineData("cat /tmp/missing", "cat: can't open '/tmp/missing': No such file or directory", 1)]
    [InlineData("rm /tmp/missing", "rm: can't remove '/tmp/missing': No such file or directory", 1)]
    [InlineData("rm -f /tmp/missing", "", 0)]
    [InlineData("touch /nodir/x", "touch: /nodir/x: No such file or directory", 1)]
    [InlineData("echo x > /nodir/y", "sh: can't create /nodir/y: nonexistent directory", 1)]
    [InlineData("mkdir -p /a/b && touch /a/b/c && cat /a/b/c && echo ok", "ok", 0)]
    [InlineData("echo $(echo nested) `echo back`", "nested back", 0)]
    [InlineData("x=5; echo $((x * 2 + 1)) $(( (x - 1) % 3 ))", "11 1", 0)]
    [InlineData("echo a | cat", "a", 0)]
    [InlineData("sh -c 'exit 7'; echo $?", "7", 0)]
    [InlineData("( exit 4 ); echo $?", "4", 0)]
    [InlineData("FOO=bar; export FOO; env | cat > /tmp/env; [ -s /tmp/env ] && echo $FOO", "bar", 0)]
    [InlineData("echo $$", "1", 0)]
    [InlineData("cd /tmp && pwd", "/tmp", 0)]
    [InlineData("hostname; cat /etc/hostname", "pod\npod", 0)]
    [InlineData("if true; then", "sh: syntax error: unexpected end of file", 2)]
    [InlineData("echo $((1/0))", "sh: arithmetic syntax error: division by zero", 2)]
    [InlineData("sleep 0; sleep abc", "sleep: invalid number 'abc'", 1)]
    // The text filters scripts pipe through (before them, `... | grep x` in a container's command waited for ever).
    [InlineData("printf 'a\\nb\\nab\\n' | grep a", "a\nab", 0)]
    [InlineData("printf 'x\\n' | grep -q a; echo $?", "1", 0)]
    [InlineData("printf 'A\\nb\\n' | grep -iv B", "A", 0)]
    [InlineData("grep -c localhost /etc/hosts; grep -n 127 /etc/hosts", "2\n2:127.0.0.1\tlocalhost", 0)]
    [InlineData("grep x /nope", "grep: /nope: No such file or directory", 2)]
    [InlineData("seq 20 | head -n 3; seq 5 | head -2", "1\n2\n3\n1\n2", 0)]
    [InlineData("printf 'a b\\nc\\n' | wc -l; printf 'a b\\nc\\n' | wc -w", "2\n3", 0)]
    [InlineData("echo a:b:c:d | cut -d: -f2,4; echo abcdef | cut -c2-4", "b:d\nbcd", 0)]
    [InlineData("echo hello | tr a-z A-Z; echo a-b | tr -d -", "HELLO\nab", 0)]
    [InlineData("printf 'b\\na\\nb\\n' | sort | uniq -c", "      1 a\n      2 b", 0)]
    [InlineData("printf '10\\n9\\n100\\n' | sort -n; printf 'a\\nb\\n' | sort -r", "9\n10\n100\nb\na", 0)]
    [InlineData("echo hello world | sed 's/o/0/g'; echo key=value | sed -e 's|\\(.*\\)=\\(.*\\)|\\2 \\1|'", "hell0 w0rld\nvalue key", 0)]
    [InlineData("echo a b c | awk '{print $2}'; echo x:y | awk -F: '{print $2, $1}'", "b\ny x", 0)]
    [InlineData("echo saved | tee /tmp/t > /dev/null; cat /tmp/t", "saved", 0)]
    [InlineData("basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname c", "c\n/a/b\n.", 0)]
    public async Task AScriptPrintsAndExitsAsBusyboxShDoes(string script, string output, int exitCode)
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync(script);

        var status = await node.StatusAsync(id);
        Assert.Equal(ContainerState.Exited, status.State);
        Assert.Equal(exitCode, status.ExitCode);
        Assert.Equal(output, await node.LogAsync(id));
    }

    [Fact]
    public async Task SleepCompletesWhenTheClockHasAdvancedByItsDuration()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("echo start; sleep 30; echo done");

        node.Advance(29.9);
        Assert.Equal(ContainerState.Running, (await node.StatusAsync(id)).State);
        Assert.Equal("start", await node.LogAsync(id));

        node.Advance(0.1);
        var status = await node.StatusAsync(id);
        Assert.Equal(ContainerState.Exited, status.State);
        Assert.Equal(ContainerReasons.Completed, status.Reason);
        Assert.Equal(status.StartedAt + TimeSpan.FromSeconds(30), status.FinishedAt);
        Assert.Equal("start\ndone", await node.LogAsync(id));
    }

    [Fact]
    public async Task ALoopWithSleepTicksOncePerPeriodAndEachLineCarriesItsTime()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("while true; do echo tick; sleep 10; done");
        var started = (await node.StatusAsync(id)).StartedAt!.Value;

        node.Advance(35);

        var lines = await node.Runtime.ReadLogAsync(id, RuntimeHarness.Token);
        Assert.Equal([0, 10, 20, 30], lines.Select(l => (l.Time - started).TotalSeconds));
        Assert.All(lines, l => Assert.Equal(LogStream.Stdout, l.Stream));
    }

    [Fact]
    public async Task TheKubernetesCounterExamplePrintsNumberAndDateEverySecond()
    {
        // kubernetes.io "Logging Architecture": the counter pod.
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("i=0; while true; do echo \"$i: $(date)\"; i=$((i+1)); sleep 1; done");
        var started = (await node.StatusAsync(id)).StartedAt!.Value;

        node.Advance(2);

        var log = (await node.LogAsync(id)).Split('\n');
        Assert.Equal(3, log.Length);
        Assert.Equal($"2: {started.AddSeconds(2).UtcDateTime:ddd MMM d HH:mm:ss} UTC 2026", log[2]);
    }

    [Fact]
    public async Task StderrLinesAreLoggedOnTheStderrStream()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("echo out; echo err 1>&2; echo both >&2");

        var lines = await node.Runtime.ReadLogAsync(id, RuntimeHarness.Token);

        Assert.Equal([LogStream.Stdout, LogStream.Stderr, LogStream.Stderr], lines.Select(l => l.Stream));
    }

    [Fact]
    public async Task ABusyLoopWithoutSleepDoesNotHangTheNode()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("while true; do :; done");

        node.Advance(0.01);

        Assert.Equal(ContainerState.Running, (await node.StatusAsync(id)).State);
    }

    [Fact]
    public async Task GnuBasedImagesWordErrorsLikeCoreutils()
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync("cat /tmp/missing; rm /tmp/missing", image: "debian:bookworm-slim");

        Assert.Equal(
            "cat: /tmp/missing: No such file or directory\nrm: cannot remove '/tmp/missing': No such file or directory",
            await node.LogAsync(id));
    }

    [Fact]
    public async Task AnUnknownCommandKeepsRunningLikeAServer()
    {
        using var node = new RuntimeHarness();
        var id = await node.RunAsync("python:3.12-slim", ["python", "app.py"]);

        node.Advance(3600);

        Assert.Equal(ContainerState.Running, (await node.StatusAsync(id)).State);
    }
}
