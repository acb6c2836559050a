using System.Globalization;
using System.Text;
using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated.Shell;

// Word expansion: parameters, command substitution and arithmetic, then field splitting of unquoted results.
internal sealed partial class ShellInterpreter
{
    async Task<List<string>> ExpandWordsAsync(IEnumerable<Word> words)
    {
        var fields = new List<string>();
        foreach (var word in words)
        {
            fields.AddRange(await ExpandAsync(word, split: true).ConfigureAwait(false));
        }
        return fields;
    }

    async Task<string> ExpandJoinedAsync(Word word) => string.Join(' ', await ExpandAsync(word, split: false).ConfigureAwait(false));

    async Task<List<string>> ExpandAsync(Word word, bool split)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var hasField = false;
        foreach (var part in word.Parts)
        {
            if (part is LiteralPart literal)
            {
                current.Append(literal.Text);
                hasField = true;
                continue;
            }
            var value = await EvaluateAsync(part).ConfigureAwait(false);
            if (part.Quoted || !split)
            {
                current.Append(value);
                hasField = true;
                continue;
            }
            foreach (var c in value)
            {
                if (c is ' ' or '\t' or '\n')
                {
                    if (hasField) fields.Add(current.ToString());
                    current.Clear();
                    hasField = false;
                }
                else
                {
                    current.Append(c);
                    hasField = true;
                }
            }
        }
        if (hasField) fields.Add(current.ToString());
        return fields;
    }

    async Task<string> EvaluateAsync(WordPart part)
    {
        switch (part)
        {
            case ParameterPart parameter:
                var value = Parameter(parameter.Name);
                return string.IsNullOrEmpty(value) && parameter.Default is not null
                    ? await ExpandJoinedAsync(parameter.Default).ConfigureAwait(false)
                    : value ?? "";
            case ArithmeticPart arithmetic:
                return Arithmetic.Evaluate(arithmetic.Expression, Parameter).ToString(CultureInfo.InvariantCulture);
            case CommandPart command:
                var captured = new CapturedOutput();
                var shell = new ShellInterpreter(process, _shellName) { _positional = _positional, LastStatus = LastStatus };
                LastStatus = await shell.RunScriptAsync(command.Script, process.Io with { Out = captured }, execSingle: false)
                    .ConfigureAwait(false);
                return captured.ToString().TrimEnd('\n');
            default:
                return "";
        }
    }

    string? Parameter(string parameter) => parameter switch
    {
        "?" => LastStatus.ToString(CultureInfo.InvariantCulture),
        // Only the container's first process is PID 1.
        "$" => process.IsPid1 ? "1" : "7",
        "#" => _positional.Count.ToString(CultureInfo.InvariantCulture),
        "@" or "*" => string.Join(' ', _positional),
        "!" => "",
        "0" => _scriptName,
        _ when int.TryParse(parameter, out var index) => index <= _positional.Count ? _positional[index - 1] : "",
        _ => process.Env.GetValueOrDefault(parameter),
    };
}
