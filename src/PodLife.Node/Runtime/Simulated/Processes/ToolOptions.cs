namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// A command line as getopt_long reads it: long options (<c>--name</c>, <c>--name=value</c>), clusters of short ones
/// (<c>-qO-</c>: q, then O with the value "-"), and operands. An option that takes a value takes the rest of its word or
/// else the next argument.
/// </summary>
internal static class ToolOptions
{
    /// <param name="args">The arguments.</param>
    /// <param name="shortWithValue">The short options that take a value (e.g. "OT").</param>
    /// <param name="longWithValue">The long options that take a value.</param>
    /// <returns>The options by name (a short one by its letter), in order, with their values ("" for none), and the operands.</returns>
    public static (List<(string Name, string Value)> Options, List<string> Operands) Parse(
        IReadOnlyList<string> args, string shortWithValue, IReadOnlyCollection<string> longWithValue)
    {
        var options = new List<(string, string)>();
        var operands = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value(string inline) => inline.Length > 0 ? inline : i + 1 < args.Count ? args[++i] : "";
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? arg[2..] : arg[2..eq];
                options.Add((name, longWithValue.Contains(name) ? Value(eq < 0 ? "" : arg[(eq + 1)..]) : ""));
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                for (var j = 1; j < arg.Length; j++)
                {
                    var letter = arg[j].ToString();
                    if (!shortWithValue.Contains(arg[j], StringComparison.Ordinal))
                    {
                        options.Add((letter, ""));
                        continue;
                    }
                    options.Add((letter, Value(arg[(j + 1)..])));
                    break;
                }
            }
            else
            {
                operands.Add(arg);
            }
        }
        return (options, operands);
    }
}
