using System.IO.Pipelines;
using System.Text;
using PodLife.Node.Exec;

namespace PodLife.Node.Tests.Runtime;

/// <summary>The client's side of an exec or attach session: what it types, and what it was sent on stdout and stderr.</summary>
sealed class ExecClient
{
    readonly Pipe _stdin = new();

    public MemoryStream Stdout { get; } = new();
    public MemoryStream Stderr { get; } = new();

    public ExecStreams Streams(bool stdin, bool tty) => new(stdin ? _stdin.Reader.AsStream() : null, Stdout, tty ? null : Stderr);

    public async Task TypeAsync(string text) => await _stdin.Writer.WriteAsync(Encoding.UTF8.GetBytes(text), RuntimeHarness.Token);

    public async Task CloseStdinAsync() => await _stdin.Writer.CompleteAsync();

    public string Out => Encoding.UTF8.GetString(Stdout.ToArray());
    public string Err => Encoding.UTF8.GetString(Stderr.ToArray());
}
