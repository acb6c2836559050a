using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// The text filters scripts pipe through (grep, head, wc, cut, tr, sort, uniq, sed's s command, awk's print, tee,
/// basename, dirname): from their files or stdin, with busybox's exit codes. Before them a script's
/// <c>... | grep x</c> in a container's own command waited for ever, as an unknown program does.
/// </summary>
internal static class FilterUtilities
{
    // The text of each file operand, or of stdin when there is none ("-" is stdin); null where a file cannot be read.
    static async Task<List<(string Name, string? Text)>> InputsAsync(UtilityCall call, IReadOnlyList<string> files)
    {
        if (files.Count == 0) return [("-", await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? "")];
        var inputs = new List<(string, string?)>();
        foreach (var file in files)
        {
            inputs.Add((file, file == "-" ? await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? "" : call.FileSystem.Read(call.Resolve(file))));
        }
        return inputs;
    }

    static string[] Lines(string text) => text.Length == 0 ? [] : (text.EndsWith('\n') ? text[..^1] : text).Split('\n');

    static int Number(string text, int fallback) => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>grep [-ivcqnwFE] PATTERN [FILE...]: 0 when a line matched, 1 when none, 2 when a file could not be read.</summary>
    public static async Task<int> GrepAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "ef", ["regexp"]);
        var flags = options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var pattern = options.FirstOrDefault(o => o.Name is "e" or "regexp").Value;
        if (pattern is null)
        {
            if (operands.Count == 0)
            {
                call.Error("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...");
                return 2;
            }
            pattern = operands[0];
            operands.RemoveAt(0);
        }
        var text = flags.Contains("F") ? Regex.Escape(pattern) : pattern;
        if (flags.Contains("w")) text = $@"\b(?:{text})\b";
        var regex = new Regex(text, flags.Contains("i") ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);
        var invert = flags.Contains("v");
        var inputs = await InputsAsync(call, operands).ConfigureAwait(false);
        var named = inputs.Count > 1;
        bool matched = false, failed = false;
        foreach (var (name, content) in inputs)
        {
            if (content is null)
            {
                call.Error($"grep: {name}: No such file or directory");
                failed = true;
                continue;
            }
            var count = 0;
            var lines = Lines(content);
            for (var i = 0; i < lines.Length; i++)
            {
                if (regex.IsMatch(lines[i]) == invert) continue;
                count++;
                if (flags.Contains("q")) return 0;
                if (!flags.Contains("c")) call.Out($"{(named ? name + ":" : "")}{(flags.Contains("n") ? $"{i + 1}:" : "")}{lines[i]}\n");
            }
            if (flags.Contains("c")) call.Out($"{(named ? name + ":" : "")}{count}\n");
            matched |= count > 0;
        }
        return failed ? 2 : matched ? 0 : 1;
    }

    /// <summary>head [-n N | -N] [FILE...]: the first lines (10 unless told).</summary>
    public static async Task<int> HeadAsync(UtilityCall call)
    {
        var args = call.Args.Select(a => a.Length > 1 && a[0] == '-' && char.IsAsciiDigit(a[1]) ? "-n" + a[1..] : a).ToList();
        var (options, operands) = ToolOptions.Parse(args, "nc", []);
        var count = options.LastOrDefault(o => o.Name == "n").Value is { } n ? Number(n, 10) : 10;
        var status = 0;
        foreach (var (name, content) in await InputsAsync(call, operands).ConfigureAwait(false))
        {
            if (content is null)
            {
                call.Error(call.Userland.CannotOpen("head", name));
                status = 1;
                continue;
            }
            foreach (var line in Lines(content).Take(count)) call.Out(line + "\n");
        }
        return status;
    }

    /// <summary>wc [-lwc] [FILE...]: lines, words, bytes; one count alone when one was asked for.</summary>
    public static async Task<int> CountAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "", []);
        var asked = options.Select(o => o.Name).Where(n => n is "l" or "w" or "c").ToList();
        var status = 0;
        foreach (var (name, content) in await InputsAsync(call, operands).ConfigureAwait(false))
        {
            if (content is null)
            {
                call.Error($"wc: {name}: No such file or directory");
                status = 1;
                continue;
            }
            var counts = new Dictionary<string, int>
            {
                ["l"] = content.Count(c => c == '\n'),
                ["w"] = content.Split([' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Length,
                ["c"] = Encoding.UTF8.GetByteCount(content),
            };
            var suffix = name == "-" ? "" : " " + name;
            call.Out(asked.Count == 1
                ? $"{counts[asked[0]]}{suffix}\n"
                : string.Concat((asked.Count == 0 ? ["l", "w", "c"] : asked).Select(k => counts[k].ToString(CultureInfo.InvariantCulture).PadLeft(9))) + suffix + "\n");
        }
        return status;
    }

    /// <summary>cut -d DELIM -f LIST | -c LIST [FILE...]: fields or characters, LIST as N, N-M, N-, -M, comma-separated.</summary>
    public static async Task<int> CutAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "dfcb", []);
        var delimiter = options.LastOrDefault(o => o.Name == "d").Value is { Length: > 0 } d ? d[0] : '\t';
        var fields = options.LastOrDefault(o => o.Name == "f").Value;
        var chars = options.LastOrDefault(o => o.Name is "c" or "b").Value;
        if (fields is null && chars is null)
        {
            call.Error("cut: expected a list of bytes, characters, or fields");
            return 1;
        }
        foreach (var (_, content) in await InputsAsync(call, operands).ConfigureAwait(false))
        {
            foreach (var line in Lines(content ?? ""))
            {
                if (fields is not null)
                {
                    var parts = line.Split(delimiter);
                    call.Out((parts.Length == 1 ? line : string.Join(delimiter, Selected(fields, parts.Length).Select(i => parts[i]))) + "\n");
                }
                else
                {
                    call.Out(string.Concat(Selected(chars!, line.Length).Select(i => line[i])) + "\n");
                }
            }
        }
        return 0;
    }

    // The 0-based positions a cut LIST selects among count, in order.
    static IEnumerable<int> Selected(string list, int count)
    {
        var chosen = new SortedSet<int>();
        foreach (var range in list.Split(','))
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var from = dash < 0 ? Number(range, 1) : dash == 0 ? 1 : Number(range[..dash], 1);
            var to = dash < 0 ? from : dash == range.Length - 1 ? count : Number(range[(dash + 1)..], count);
            for (var i = Math.Max(from, 1); i <= Math.Min(to, count); i++) chosen.Add(i - 1);
        }
        return chosen;
    }

    /// <summary>tr [-d] SET1 [SET2]: characters of SET1 to SET2's (the last repeated), or deleted; a-z ranges, \n and \t.</summary>
    public static async Task<int> TranslateAsync(UtilityCall call)
    {
        var delete = call.Args.Count > 0 && call.Args[0] == "-d";
        var sets = call.Args.Skip(delete ? 1 : 0).Select(Expand).ToList();
        var input = await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? "";
        if (sets.Count == 0 || (!delete && sets.Count < 2))
        {
            call.Error("tr: missing operand");
            return 1;
        }
        var output = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            var at = sets[0].IndexOf(c, StringComparison.Ordinal);
            if (at < 0) output.Append(c);
            else if (!delete) output.Append(sets[1].Length == 0 ? c : sets[1][Math.Min(at, sets[1].Length - 1)]);
        }
        call.Out(output.ToString());
        return 0;
    }

    static string Expand(string set)
    {
        set = set.Replace("[:lower:]", "a-z", StringComparison.Ordinal).Replace("[:upper:]", "A-Z", StringComparison.Ordinal)
            .Replace("[:digit:]", "0-9", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
        var text = new StringBuilder();
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-' && set[i] <= set[i + 2])
            {
                for (var c = set[i]; c <= set[i + 2]; c++) text.Append(c);
                i += 2;
            }
            else
            {
                text.Append(set[i]);
            }
        }
        return text.ToString();
    }

    /// <summary>sort [-rnu] [FILE...].</summary>
    public static async Task<int> SortAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "tk", []);
        var flags = options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var lines = (await InputsAsync(call, operands).ConfigureAwait(false)).SelectMany(i => Lines(i.Text ?? "")).ToList();
        IEnumerable<string> sorted = flags.Contains("n")
            ? lines.OrderBy(l => double.TryParse(new string(l.TrimStart().TakeWhile(c => char.IsAsciiDigit(c) || c is '.' or '-').ToArray()), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .ThenBy(l => l, StringComparer.Ordinal)
            : lines.Order(StringComparer.Ordinal);
        if (flags.Contains("r")) sorted = sorted.Reverse();
        if (flags.Contains("u")) sorted = sorted.Distinct(StringComparer.Ordinal);
        foreach (var line in sorted) call.Out(line + "\n");
        return 0;
    }

    /// <summary>uniq [-c] [FILE]: adjacent repeats once, with their count ("%7d ") when asked.</summary>
    public static async Task<int> UniqAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "", []);
        var counted = options.Any(o => o.Name == "c");
        var lines = Lines((await InputsAsync(call, operands.Take(1).ToList()).ConfigureAwait(false))[0].Text ?? "");
        for (var i = 0; i < lines.Length;)
        {
            var run = 1;
            while (i + run < lines.Length && lines[i + run] == lines[i]) run++;
            call.Out((counted ? run.ToString(CultureInfo.InvariantCulture).PadLeft(7) + " " : "") + lines[i] + "\n");
            i += run;
        }
        return 0;
    }

    /// <summary>sed [-e] 's/REGEX/REPLACEMENT/[g]' [FILE...]: substitutions (any delimiter, \1 and &amp; in the replacement).</summary>
    public static async Task<int> SedAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "e", ["expression"]);
        var scripts = options.Where(o => o.Name is "e" or "expression").Select(o => o.Value).ToList();
        if (scripts.Count == 0 && operands.Count > 0)
        {
            scripts.Add(operands[0]);
            operands.RemoveAt(0);
        }
        var commands = new List<(Regex Pattern, string Replacement, bool Global)>();
        foreach (var script in scripts.SelectMany(s => s.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (script.Length < 4 || script[0] != 's')
            {
                call.Error($"sed: unsupported command {script}");
                return 1;
            }
            var parts = script[2..].Split(script[1]);
            if (parts.Length < 3)
            {
                call.Error($"sed: unmatched '{script[1]}'");
                return 1;
            }
            var pattern = parts[0].Replace(@"\(", "(", StringComparison.Ordinal).Replace(@"\)", ")", StringComparison.Ordinal);
            var replacement = Regex.Replace(parts[1].Replace("$", "$$", StringComparison.Ordinal), @"\\(\d)|(?<!\\)&", m => m.Groups[1].Success ? "${" + m.Groups[1].Value + "}" : "$0");
            commands.Add((new Regex(pattern, RegexOptions.CultureInvariant), replacement, parts[2].Contains('g', StringComparison.Ordinal)));
        }
        foreach (var (_, content) in await InputsAsync(call, operands).ConfigureAwait(false))
        {
            foreach (var line in Lines(content ?? ""))
            {
                var text = line;
                foreach (var (pattern, replacement, global) in commands) text = pattern.Replace(text, replacement, global ? -1 : 1);
                call.Out(text + "\n");
            }
        }
        return 0;
    }

    /// <summary>awk [-F SEP] '{print $N, ...}' [FILE...]: the print of fields that most one-liners are.</summary>
    public static async Task<int> AwkAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "F", []);
        var separator = options.LastOrDefault(o => o.Name == "F").Value;
        if (operands.Count == 0 || Regex.Match(operands[0], @"^\s*\{\s*print\s*(?<fields>[^}]*)\}\s*$") is not { Success: true } program)
        {
            call.Error($"awk: cmd. line:1: unsupported program{(operands.Count > 0 ? ": " + operands[0] : "")}");
            return 2;
        }
        var items = program.Groups["fields"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var (_, content) in await InputsAsync(call, operands.Skip(1).ToList()).ConfigureAwait(false))
        {
            foreach (var line in Lines(content ?? ""))
            {
                var fields = separator is { Length: > 0 } ? line.Split(separator) : line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                string Field(string item) => item switch
                {
                    "$0" => line,
                    "NF" => fields.Length.ToString(CultureInfo.InvariantCulture),
                    _ when item.StartsWith('$') && int.TryParse(item[1..], out var n) => n >= 1 && n <= fields.Length ? fields[n - 1] : "",
                    _ when item.Length >= 2 && item[0] == '"' && item[^1] == '"' => item[1..^1],
                    _ => "",
                };
                call.Out((items.Length == 0 ? line : string.Join(' ', items.Select(Field))) + "\n");
            }
        }
        return 0;
    }

    /// <summary>tee [-a] FILE...: stdin to stdout and to each file.</summary>
    public static async Task<int> TeeAsync(UtilityCall call)
    {
        var append = call.Args.Contains("-a");
        var input = await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? "";
        var status = 0;
        foreach (var file in call.Args.Where(a => !a.StartsWith('-')))
        {
            if (call.FileSystem.Write(call.Resolve(file), input, append)) continue;
            call.Error($"tee: {file}: {call.FileSystem.WriteError(call.Resolve(file))}");
            status = 1;
        }
        call.Out(input);
        return status;
    }

    public static int Basename(UtilityCall call)
    {
        if (call.Args.Count == 0) return Usage(call, "basename FILE [SUFFIX]");
        var name = call.Args[0].TrimEnd('/');
        name = name.Length == 0 ? "/" : name[(name.LastIndexOf('/') + 1)..];
        if (call.Args.Count > 1 && name.Length > call.Args[1].Length && name.EndsWith(call.Args[1], StringComparison.Ordinal)) name = name[..^call.Args[1].Length];
        call.Out(name + "\n");
        return 0;
    }

    public static int Dirname(UtilityCall call)
    {
        if (call.Args.Count == 0) return Usage(call, "dirname FILENAME");
        var path = call.Args[0].TrimEnd('/');
        var slash = path.LastIndexOf('/');
        call.Out((slash < 0 ? "." : slash == 0 ? "/" : path[..slash]) + "\n");
        return 0;
    }

    static int Usage(UtilityCall call, string usage)
    {
        call.Error($"BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: {usage}");
        return 1;
    }
}
