namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>Parses a script into a <see cref="CommandList"/> (recursive descent over <see cref="ShellLexer"/> tokens).</summary>
internal sealed class ShellParser
{
    static readonly string[] RedirectOperators = [">", ">>", "<", "1>", "1>>", "2>", "2>>", ">&", "1>&", "2>&", "&>"];
    readonly List<ShellToken> _tokens;
    int _pos;

    ShellParser(string source) => _tokens = ShellLexer.Tokenize(source);

    public static CommandList Parse(string source)
    {
        var parser = new ShellParser(source);
        var list = parser.ParseList();
        if (parser.Current != ShellToken.End) throw Unexpected(parser.Current);
        return list;
    }

    ShellToken Current => _tokens[_pos];

    CommandList ParseList(params string[] terminators)
    {
        var items = new List<(Command, bool)>();
        while (true)
        {
            SkipNewlines();
            if (Current == ShellToken.End || Current.Is(")") || terminators.Any(Current.IsReserved)) break;
            var command = ParseAndOr();
            var background = Current.Is("&");
            items.Add((command, background));
            if (Current.Is(";") || Current.Is("&") || Current.Is("\n")) _pos++;
            else break;
        }
        return new CommandList(items);
    }

    Command ParseAndOr()
    {
        var first = ParsePipeline();
        var rest = new List<(bool, Command)>();
        while (Current.Is("&&") || Current.Is("||"))
        {
            var isAnd = Current.Is("&&");
            _pos++;
            SkipNewlines();
            rest.Add((isAnd, ParsePipeline()));
        }
        return rest.Count == 0 ? first : new AndOr(first, rest);
    }

    Command ParsePipeline()
    {
        var negated = Current.IsReserved("!");
        if (negated) _pos++;
        var commands = new List<Command> { ParseCommand() };
        while (Current.Is("|"))
        {
            _pos++;
            SkipNewlines();
            commands.Add(ParseCommand());
        }
        return commands.Count == 1 && !negated ? commands[0] : new Pipeline(commands, negated);
    }

    Command ParseCommand()
    {
        if (Current.IsReserved("while") || Current.IsReserved("until"))
        {
            var until = Current.IsReserved("until");
            _pos++;
            var condition = ParseList("do");
            var body = ParseDoGroup();
            return new LoopCommand(condition, body, until, ParseRedirects());
        }
        if (Current.IsReserved("if")) return ParseIf();
        if (Current.IsReserved("for")) return ParseFor();
        if (Current.IsReserved("{"))
        {
            _pos++;
            var body = ParseList("}");
            Expect("}");
            return new GroupCommand(body, false, ParseRedirects());
        }
        if (Current.Is("("))
        {
            _pos++;
            var body = ParseList();
            if (!Current.Is(")")) throw Unexpected(Current);
            _pos++;
            return new GroupCommand(body, true, ParseRedirects());
        }
        return ParseSimple();
    }

    Command ParseIf()
    {
        var branches = new List<(CommandList, CommandList)>();
        CommandList? otherwise = null;
        do
        {
            _pos++; // "if" or "elif"
            var condition = ParseList("then");
            Expect("then");
            branches.Add((condition, ParseList("elif", "else", "fi")));
        }
        while (Current.IsReserved("elif"));
        if (Current.IsReserved("else"))
        {
            _pos++;
            otherwise = ParseList("fi");
        }
        Expect("fi");
        return new IfCommand(branches, otherwise, ParseRedirects());
    }

    Command ParseFor()
    {
        _pos++;
        var variable = Current.Word?.PlainText ?? throw Unexpected(Current);
        _pos++;
        var items = new List<Word>();
        if (Current.IsReserved("in"))
        {
            _pos++;
            while (Current.Word is { } word)
            {
                items.Add(word);
                _pos++;
            }
        }
        if (Current.Is(";")) _pos++;
        SkipNewlines();
        return new ForCommand(variable, items, ParseDoGroup(), ParseRedirects());
    }

    CommandList ParseDoGroup()
    {
        Expect("do");
        var body = ParseList("done");
        Expect("done");
        return body;
    }

    Command ParseSimple()
    {
        var assignments = new List<(string, Word)>();
        var words = new List<Word>();
        var redirects = new List<Redirect>();
        while (true)
        {
            if (Current.Operator is { } op && RedirectOperators.Contains(op))
            {
                redirects.Add(ReadRedirect());
            }
            else if (Current.Word is { } word)
            {
                if (words.Count == 0 && AsAssignment(word) is { } assignment) assignments.Add(assignment);
                else words.Add(word);
                _pos++;
            }
            else break;
        }
        if (words.Count == 0 && assignments.Count == 0 && redirects.Count == 0) throw Unexpected(Current);
        return new SimpleCommand(assignments, words, redirects);
    }

    IReadOnlyList<Redirect> ParseRedirects()
    {
        var redirects = new List<Redirect>();
        while (Current.Operator is { } op && RedirectOperators.Contains(op)) redirects.Add(ReadRedirect());
        return redirects;
    }

    Redirect ReadRedirect()
    {
        var op = Current.Operator!;
        _pos++;
        var target = Current.Word ?? throw Unexpected(Current);
        _pos++;
        return new Redirect(op, target);
    }

    static (string, Word)? AsAssignment(Word word)
    {
        if (word.Parts is not [LiteralPart { Quoted: false } head, ..]) return null;
        var eq = head.Text.IndexOf('=');
        if (eq <= 0 || !head.Text[..eq].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(head.Text[0]))
        {
            return null;
        }
        var rest = new List<WordPart>();
        if (eq + 1 < head.Text.Length) rest.Add(new LiteralPart(head.Text[(eq + 1)..], false));
        rest.AddRange(word.Parts.Skip(1));
        return (head.Text[..eq], new Word(rest));
    }

    void Expect(string reserved)
    {
        SkipNewlines();
        if (!Current.IsReserved(reserved)) throw Unexpected(Current);
        _pos++;
    }

    void SkipNewlines()
    {
        while (Current.Is("\n")) _pos++;
    }

    static ShellSyntaxException Unexpected(ShellToken token) => new(token == ShellToken.End
        ? "syntax error: unexpected end of file"
        : $"syntax error: unexpected \"{token.Operator ?? token.Word?.PlainText ?? "word"}\"");
}
