using System.Globalization;
using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>echo, printf, date, seq and env.</summary>
internal static class TextUtilities
{
    public static int Echo(UtilityCall call)
    {
        var args = call.Args.ToList();
        var newline = true;
        var escapes = false;
        while (args.Count > 0 && args[0] is "-n" or "-e" or "-ne" or "-en" or "-E")
        {
            newline &= !args[0].Contains('n');
            escapes |= args[0].Contains('e');
            args.RemoveAt(0);
        }
        var text = string.Join(' ', args);
        call.Out((escapes ? Unescape(text) : text) + (newline ? "\n" : ""));
        return 0;
    }

    /// <summary>printf FORMAT [ARG…]: %s %d %i %x %c %%, backslash escapes; the format repeats while arguments remain.</summary>
    public static int Printf(UtilityCall call)
    {
        if (call.Args.Count == 0)
        {
            call.Error("printf: usage: printf FORMAT [ARGUMENT]...");
            return 1;
        }
        var format = Unescape(call.Args[0]);
        var args = new Queue<string>(call.Args.Skip(1));
        var output = new StringBuilder();
        do
        {
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 >= format.Length)
                {
                    output.Append(format[i]);
                    continue;
                }
                var spec = format[++i];
                var arg = spec == '%' ? "%" : args.Count > 0 ? args.Dequeue() : "";
                output.Append(spec switch
                {
                    'd' or 'i' => long.TryParse(arg, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "0",
                    'x' => long.TryParse(arg, out var x) ? x.ToString("x", CultureInfo.InvariantCulture) : "0",
                    'c' => arg.Length > 0 ? arg[..1] : "",
                    'b' => Unescape(arg),
                    _ => arg,
                });
            }
        }
        while (args.Count > 0 && format.Contains('%'));
        call.Out(output.ToString());
        return 0;
    }

    /// <summary>date [+FORMAT]; containers run in UTC, the default output is <c>Wed Nov 25 11:50:07 UTC 2026</c>.</summary>
    public static int Date(UtilityCall call)
    {
        var now = call.Process.Container.Scheduler.WallClock(call.Process.Now).UtcDateTime;
        var format = call.Args.FirstOrDefault(a => a.StartsWith('+'))?[1..] ?? "%a %b %e %H:%M:%S %Z %Y";
        var output = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                output.Append(format[i]);
                continue;
            }
            var c = format[++i];
            output.Append(c switch
            {
                'Y' => now.ToString("yyyy", CultureInfo.InvariantCulture),
                'm' => now.ToString("MM", CultureInfo.InvariantCulture),
                'd' => now.ToString("dd", CultureInfo.InvariantCulture),
                'e' => now.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'H' => now.ToString("HH", CultureInfo.InvariantCulture),
                'M' => now.ToString("mm", CultureInfo.InvariantCulture),
                'S' => now.ToString("ss", CultureInfo.InvariantCulture),
                'T' => now.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                'F' => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                'a' => now.ToString("ddd", CultureInfo.InvariantCulture),
                'b' => now.ToString("MMM", CultureInfo.InvariantCulture),
                's' => ((long)(now - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture),
                'Z' => "UTC",
                'z' => "+0000",
                '%' => "%",
                _ => "%" + c,
            });
        }
        call.Out(output + "\n");
        return 0;
    }

    public static int Seq(UtilityCall call)
    {
        var numbers = call.Args.Select(a => long.TryParse(a, out var n) ? n : (long?)null).ToList();
        if (numbers.Count is 0 or > 3 || numbers.Any(n => n is null))
        {
            call.Error("seq: invalid argument");
            return 1;
        }
        var (first, step, last) = numbers.Count switch
        {
            1 => (1L, 1L, numbers[0]!.Value),
            2 => (numbers[0]!.Value, 1L, numbers[1]!.Value),
            _ => (numbers[0]!.Value, numbers[1]!.Value, numbers[2]!.Value),
        };
        for (var n = first; step > 0 ? n <= last : n >= last; n += step)
        {
            call.Out(n.ToString(CultureInfo.InvariantCulture) + "\n");
            if (step == 0) break;
        }
        return 0;
    }

    public static int Env(UtilityCall call)
    {
        foreach (var (name, value) in call.Process.Env)
        {
            call.Out($"{name}={value}\n");
        }
        return 0;
    }

    /// <summary>printenv NAME…: each value that is set; exit status 1 when one is not.</summary>
    public static int Printenv(UtilityCall call)
    {
        if (call.Args.Count == 0) return Env(call);
        var status = 0;
        foreach (var name in call.Args)
        {
            if (call.Process.Env.TryGetValue(name, out var value)) call.Out(value + "\n");
            else status = 1;
        }
        return status;
    }

    static string Unescape(string text) => text
        .Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\t", "\t", StringComparison.Ordinal)
        .Replace("\\\\", "\\", StringComparison.Ordinal);
}
