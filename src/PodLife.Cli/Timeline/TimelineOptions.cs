using PodLife.Cli.Explain;

namespace PodLife.Cli.Timeline;

/// <summary>The parsed flags of `podlife timeline POD [-n NS] [--kubeconfig F] [--context C] [--watch] [-o json]`.</summary>
public sealed record TimelineOptions(ExplainOptions Target, bool Watch)
{
    public const string Usage = "usage: podlife timeline POD [-n NAMESPACE] [--kubeconfig FILE] [--context NAME] [-w|--watch] [-o json|text]";

    /// <summary>The options, or an error line for the user. The flags are explain's, plus --watch.</summary>
    public static (TimelineOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var watch = args.Any(a => a is "-w" or "--watch");
        var (target, error) = ExplainOptions.Parse([.. args.Where(a => a is not ("-w" or "--watch"))]);
        if (target is null)
            return (null, error!.Replace("podlife explain", "podlife timeline", StringComparison.Ordinal).Replace(ExplainOptions.Usage, Usage, StringComparison.Ordinal));
        return (new TimelineOptions(target, watch), null);
    }
}
