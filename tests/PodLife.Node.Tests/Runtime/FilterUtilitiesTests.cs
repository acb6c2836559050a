using PodLife.Node.Runtime;

namespace PodLife.Node.Tests.Runtime;

/// <summary>
/// The text filters in a container's own script, as busybox prints them (before them, `... | grep x` in a container's
/// command waited for ever, as an unknown program does).
/// </summary>
public sealed class FilterUtilitiesTests
{
    [Theory]
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
    public async Task AScriptsFiltersPrintAndExitAsBusyboxs(string script, string output, int exitCode)
    {
        using var node = new RuntimeHarness();
        var id = await node.ShellAsync(script);

        var status = await node.StatusAsync(id);
        Assert.Equal((ContainerState.Exited, exitCode), (status.State, status.ExitCode));
        Assert.Equal(output, await node.LogAsync(id));
    }
}
