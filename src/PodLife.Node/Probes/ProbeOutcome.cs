namespace PodLife.Node.Probes;

/// <summary>One probe or hook run: whether it passed and what it said (the text after "probe failed: ").</summary>
public sealed record ProbeOutcome(bool Success, string Output)
{
    public static ProbeOutcome Passed { get; } = new(true, "");

    public static ProbeOutcome FailedWith(string output) => new(false, output);
}
