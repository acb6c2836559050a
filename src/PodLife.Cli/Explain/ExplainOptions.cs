namespace PodLife.Cli.Explain;

/// <summary>The parsed flags of `podlife explain POD [-n NS] [--kubeconfig F] [--context C] [-o json]`.</summary>
public sealed record ExplainOptions(string Pod, string? Namespace, string? Kubeconfig, string? Context, bool Json)
{
    public const string Usage = "usage: podlife explain POD [-n NAMESPACE] [--kubeconfig FILE] [--context NAME] [-o json|text]";

    /// <summary>The options, or an error line for the user.</summary>
    public static (ExplainOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? pod = null, ns = null, kubeconfig = null, context = null, output = "text";
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, inline) = Split(args[i]);
            string? Value() => inline ?? (i + 1 < args.Count ? args[++i] : null);
            switch (flag)
            {
                case "-n" or "--namespace": ns = Value() ?? ""; break;
                case "--kubeconfig": kubeconfig = Value() ?? ""; break;
                case "--context": context = Value() ?? ""; break;
                case "-o" or "--output": output = Value() ?? ""; break;
                case var f when f.StartsWith('-'): return (null, $"podlife explain: unknown flag \"{f}\"\n{Usage}");
                default:
                    if (pod is not null) return (null, $"podlife explain: one pod at a time (got \"{pod}\" and \"{flag}\")\n{Usage}");
                    pod = flag;
                    break;
            }
        }
        if (string.IsNullOrEmpty(pod)) return (null, $"podlife explain: a pod name is required\n{Usage}");
        if (output is not ("text" or "json")) return (null, $"podlife explain: unknown output format \"{output}\" (text or json)");
        if (ns == "" || kubeconfig == "" || context == "") return (null, $"podlife explain: a flag is missing its value\n{Usage}");
        return (new ExplainOptions(pod, ns, kubeconfig, context, output == "json"), null);
    }

    // Accepts both "--flag value" and "--flag=value" as kubectl does.
    static (string Flag, string? Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && eq > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
    }
}
