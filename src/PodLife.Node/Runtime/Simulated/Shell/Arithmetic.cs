using System.Globalization;

namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>Evaluates <c>$(( … ))</c>: integers, variables, + - * / %, comparisons, &amp;&amp; ||, ! and parentheses.</summary>
internal sealed class Arithmetic
{
    static readonly string[][] Levels = [["||"], ["&&"], ["==", "!="], ["<=", ">=", "<", ">"], ["+", "-"], ["*", "/", "%"]];
    readonly string _text;
    readonly Func<string, string?> _variable;
    int _pos;

    Arithmetic(string text, Func<string, string?> variable) => (_text, _variable) = (text, variable);

    /// <exception cref="ShellSyntaxException">The expression is malformed or divides by zero.</exception>
    public static long Evaluate(string expression, Func<string, string?> variable)
    {
        var parser = new Arithmetic(expression, variable);
        var value = parser.Binary(0);
        parser.SkipSpaces();
        if (parser._pos < expression.Length) throw new ShellSyntaxException($"arithmetic syntax error: \"{expression}\"");
        return value;
    }

    long Binary(int level)
    {
        if (level == Levels.Length) return Unary();
        var left = Binary(level + 1);
        while (true)
        {
            SkipSpaces();
            var op = Levels[level].FirstOrDefault(o => string.CompareOrdinal(_text, _pos, o, 0, o.Length) == 0);
            if (op is null) return left;
            _pos += op.Length;
            var right = Binary(level + 1);
            left = op switch
            {
                "||" => left != 0 || right != 0 ? 1 : 0,
                "&&" => left != 0 && right != 0 ? 1 : 0,
                "==" => left == right ? 1 : 0,
                "!=" => left != right ? 1 : 0,
                "<=" => left <= right ? 1 : 0,
                ">=" => left >= right ? 1 : 0,
                "<" => left < right ? 1 : 0,
                ">" => left > right ? 1 : 0,
                "+" => left + right,
                "-" => left - right,
                "*" => left * right,
                _ when right == 0 => throw new ShellSyntaxException("arithmetic syntax error: division by zero"),
                "/" => left / right,
                _ => left % right,
            };
        }
    }

    long Unary()
    {
        SkipSpaces();
        if (_pos >= _text.Length) throw new ShellSyntaxException($"arithmetic syntax error: \"{_text}\"");
        var c = _text[_pos];
        if (c is '-' or '+' or '!')
        {
            _pos++;
            var operand = Unary();
            return c == '-' ? -operand : c == '+' ? operand : operand == 0 ? 1 : 0;
        }
        if (c == '(')
        {
            _pos++;
            var value = Binary(0);
            SkipSpaces();
            if (_pos >= _text.Length || _text[_pos] != ')') throw new ShellSyntaxException("arithmetic syntax error: missing )");
            _pos++;
            return value;
        }
        var start = _pos;
        if (c == '$') start = ++_pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        var token = _text[start.._pos];
        if (token.Length == 0) throw new ShellSyntaxException($"arithmetic syntax error: \"{_text}\"");
        if (char.IsAsciiDigit(token[0]))
        {
            return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new ShellSyntaxException($"arithmetic syntax error: \"{token}\"");
        }
        return long.TryParse(_variable(token), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    void SkipSpaces()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }
}
