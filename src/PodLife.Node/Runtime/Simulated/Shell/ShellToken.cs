namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>A lexical token: a word, or an operator such as <c>&amp;&amp;</c>, <c>;</c>, newline or <c>2&gt;&amp;</c>.</summary>
internal sealed record ShellToken(Word? Word, string? Operator)
{
    public static readonly ShellToken End = new(null, "<end>");

    public bool Is(string op) => Operator == op;

    public bool IsReserved(string word) => Word?.PlainText == word;
}
