using System.Globalization;

namespace PodLife.Cli.Bench;

/// <summary>
/// The flags of one `podlife bench` subcommand: each known flag is a switch or takes one value, a count (a positive
/// integer), a number (non-negative) or a text; anything else is an error naming the argument.
/// </summary>
sealed class BenchFlags
{
    readonly Dictionary<string, string> _values = [];

    public static BenchFlags? Parse(string[] args, IReadOnlyDictionary<string, FlagKind> known, out string error)
    {
        var flags = new BenchFlags();
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            if (known.TryGetValue(args[i], out var isSwitch) && isSwitch == FlagKind.Switch)
            {
                flags._values[args[i]] = "";
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (!known.TryGetValue(args[i], out var kind) || value is null || !IsValid(kind, value))
            {
                error = $"bad argument \"{args[i]}\"";
                return null;
            }
            flags._values[args[i]] = value;
            i++;
        }
        return flags;
    }

    static bool IsValid(FlagKind kind, string value) => kind switch
    {
        FlagKind.Count => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0,
        FlagKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 && double.IsFinite(x),
        _ => value.Length > 0,
    };

    public int Count(string flag, int fallback) => _values.TryGetValue(flag, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Number(string flag, double fallback) => _values.TryGetValue(flag, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string flag) => _values.GetValueOrDefault(flag);

    public bool Has(string flag) => _values.ContainsKey(flag);
}

enum FlagKind { Count, Number, Text, Switch }
