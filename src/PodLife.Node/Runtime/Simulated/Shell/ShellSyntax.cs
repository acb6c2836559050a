namespace PodLife.Node.Runtime.Simulated.Shell;

// The syntax tree of the small POSIX shell subset the simulation understands.

/// <summary>A piece of a word: literal text or an expansion, and whether it stood inside quotes.</summary>
internal abstract record WordPart(bool Quoted);

internal sealed record LiteralPart(string Text, bool Quoted) : WordPart(Quoted);

/// <summary><c>$NAME</c>, <c>${NAME}</c> or <c>${NAME:-default}</c>.</summary>
internal sealed record ParameterPart(string Name, Word? Default, bool Quoted) : WordPart(Quoted);

/// <summary><c>$(script)</c> or a backquoted script.</summary>
internal sealed record CommandPart(string Script, bool Quoted) : WordPart(Quoted);

/// <summary><c>$((expression))</c>.</summary>
internal sealed record ArithmeticPart(string Expression, bool Quoted) : WordPart(Quoted);

internal sealed record Word(IReadOnlyList<WordPart> Parts)
{
    /// <summary>The word's text when it is one unquoted literal (how reserved words are recognised).</summary>
    public string? PlainText => Parts is [LiteralPart { Quoted: false } literal] ? literal.Text : null;
}

internal sealed record Redirect(string Operator, Word Target);

internal abstract record Command;

internal sealed record SimpleCommand(
    IReadOnlyList<(string Name, Word Value)> Assignments, IReadOnlyList<Word> Words, IReadOnlyList<Redirect> Redirects)
    : Command;

internal sealed record Pipeline(IReadOnlyList<Command> Commands, bool Negated) : Command;

/// <summary>Pipelines joined by <c>&amp;&amp;</c> and <c>||</c>; each operator applies to the pipeline after it.</summary>
internal sealed record AndOr(Command First, IReadOnlyList<(bool IsAnd, Command Command)> Rest) : Command;

/// <summary>Commands separated by <c>;</c>, newlines or <c>&amp;</c> (background).</summary>
internal sealed record CommandList(IReadOnlyList<(Command Command, bool Background)> Items) : Command;

internal sealed record LoopCommand(CommandList Condition, CommandList Body, bool Until, IReadOnlyList<Redirect> Redirects)
    : Command;

internal sealed record IfCommand(
    IReadOnlyList<(CommandList Condition, CommandList Body)> Branches, CommandList? Else, IReadOnlyList<Redirect> Redirects)
    : Command;

internal sealed record ForCommand(string Variable, IReadOnlyList<Word> Items, CommandList Body, IReadOnlyList<Redirect> Redirects)
    : Command;

/// <summary><c>{ list; }</c> or a subshell <c>( list )</c>.</summary>
internal sealed record GroupCommand(CommandList Body, bool Subshell, IReadOnlyList<Redirect> Redirects) : Command;
