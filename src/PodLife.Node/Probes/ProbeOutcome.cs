namespace PodLife.Node.Probes;

/// <summary>
/// One probe or hook run: whether it passed and what it said (the text after "probe failed: "). A run that did not
/// pass also carries the error kubelet reports for it: for an exec, "command 'x' exited with N: stderr" (which the hook
/// events print); when the runtime could not run the action at all, the runtime's error, and the run counts as
/// <see cref="Errored"/> (kubelet's probe result Unknown: "probe errored and resulted in unknown state").
/// </summary>
public sealed record ProbeOutcome(bool Success, string Output)
{
    public bool Errored { get; init; }

    public string? Error { get; init; }

    public static ProbeOutcome Passed { get; } = new(true, "");

    public static ProbeOutcome FailedWith(string output) => new(false, output) { Error = output };

    public static ProbeOutcome ErroredWith(string error) => new(false, "") { Errored = true, Error = error };
}
