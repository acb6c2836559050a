using System.Text;

namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>Splits a script into words and operators, keeping quoting and expansions inside each word.</summary>
internal sealed class ShellLexer(string source)
{
    static readonly string[] Operators = ["&&", "||", ">>", "2>>", "2>&", "1>&", "1>>", "&>", ">&", "2>", "1>", ";", "&", "|", "(", ")", "<", ">", "\n"];
    int _pos;

    public static List<ShellToken> Tokenize(string source) => new ShellLexer(source).ReadAll();

    List<ShellToken> ReadAll()
    {
        var tokens = new List<ShellToken>();
        while (true)
        {
            SkipBlanks();
            if (_pos >= source.Length)
            {
                tokens.Add(ShellToken.End);
                return tokens;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(source, _pos, o, 0, o.Length) == 0);
            if (op is not null)
            {
                _pos += op.Length;
                tokens.Add(new ShellToken(null, op));
            }
            else
            {
                tokens.Add(new ShellToken(ReadWord(), null));
            }
        }
    }

    void SkipBlanks()
    {
        while (_pos < source.Length)
        {
            var c = source[_pos];
            if (c is ' ' or '\t' or '\r') _pos++;
            else if (c == '\\' && Peek(1) == '\n') _pos += 2;
            else if (c == '#') while (_pos < source.Length && source[_pos] != '\n') _pos++;
            else return;
        }
    }

    Word ReadWord()
    {
        var parts = new List<WordPart>();
        var literal = new StringBuilder();
        void Flush(bool quoted)
        {
            if (literal.Length > 0) parts.Add(new LiteralPart(literal.ToString(), quoted));
            literal.Clear();
        }
        while (_pos < source.Length && !IsWordEnd(source[_pos]))
        {
            var c = source[_pos];
            if (c == '\'')
            {
                Flush(false);
                var end = source.IndexOf('\'', _pos + 1);
                if (end < 0) throw new ShellSyntaxException("syntax error: unterminated quoted string");
                parts.Add(new LiteralPart(source[(_pos + 1)..end], true));
                _pos = end + 1;
            }
            else if (c == '"')
            {
                Flush(false);
                _pos++;
                ReadDoubleQuoted(parts);
            }
            else if (c == '\\' && _pos + 1 < source.Length)
            {
                Flush(false);
                parts.Add(new LiteralPart(source[_pos + 1].ToString(), true));
                _pos += 2;
            }
            else if (c is '$' or '`' && TryReadExpansion(false) is { } expansion)
            {
                Flush(false);
                parts.Add(expansion);
            }
            else
            {
                literal.Append(c);
                _pos++;
            }
        }
        Flush(false);
        return new Word(parts);
    }

    void ReadDoubleQuoted(List<WordPart> parts)
    {
        var literal = new StringBuilder();
        while (true)
        {
            if (_pos >= source.Length) throw new ShellSyntaxException("syntax error: unterminated quoted string");
            var c = source[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }
            if (c == '\\' && Peek(1) is '$' or '`' or '"' or '\\' or '\n')
            {
                if (Peek(1) != '\n') literal.Append(source[_pos + 1]);
                _pos += 2;
            }
            else if (c is '$' or '`' && TryReadExpansion(true) is { } expansion)
            {
                parts.Add(new LiteralPart(literal.ToString(), true));
                literal.Clear();
                parts.Add(expansion);
            }
            else
            {
                literal.Append(c);
                _pos++;
            }
        }
        // An empty "" still makes a (quoted, empty) word.
        parts.Add(new LiteralPart(literal.ToString(), true));
    }

    WordPart? TryReadExpansion(bool quoted)
    {
        if (source[_pos] == '`')
        {
            var end = source.IndexOf('`', _pos + 1);
            if (end < 0) throw new ShellSyntaxException("syntax error: unterminated `");
            var script = source[(_pos + 1)..end];
            _pos = end + 1;
            return new CommandPart(script, quoted);
        }
        var next = Peek(1);
        if (next == '(' && Peek(2) == '(')
        {
            var body = ReadBalanced(_pos + 1);
            return new ArithmeticPart(body[1..^1], quoted);
        }
        if (next == '(') return new CommandPart(ReadBalanced(_pos + 1), quoted);
        if (next == '{')
        {
            var end = source.IndexOf('}', _pos);
            if (end < 0) throw new ShellSyntaxException("syntax error: bad substitution");
            var inner = source[(_pos + 2)..end];
            _pos = end + 1;
            var colon = inner.IndexOf(":-", StringComparison.Ordinal);
            return colon < 0
                ? new ParameterPart(inner, null, quoted)
                : new ParameterPart(inner[..colon], new ShellLexer(inner[(colon + 2)..]).ReadWord(), quoted);
        }
        if (next is '?' or '$' or '#' or '@' or '*' or '!' || char.IsAsciiDigit(next))
        {
            _pos += 2;
            return new ParameterPart(next.ToString(), null, quoted);
        }
        var start = _pos + 1;
        var stop = start;
        while (stop < source.Length && (char.IsAsciiLetterOrDigit(source[stop]) || source[stop] == '_')) stop++;
        if (stop == start || char.IsAsciiDigit(source[start])) return null;
        _pos = stop;
        return new ParameterPart(source[start..stop], null, quoted);
    }

    // Reads "( … )" starting at an opening parenthesis, honouring nesting and quotes; returns the inside.
    string ReadBalanced(int open)
    {
        var depth = 0;
        for (var i = open; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\'') i = Math.Max(i, source.IndexOf('\'', i + 1));
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0)
            {
                _pos = i + 1;
                return source[(open + 1)..i];
            }
        }
        throw new ShellSyntaxException("syntax error: unterminated $(");
    }

    char Peek(int offset) => _pos + offset < source.Length ? source[_pos + offset] : '\0';

    static bool IsWordEnd(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or '&' or '|' or '(' or ')' or '<' or '>';
}
