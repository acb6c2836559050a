namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// Which process a container runs, by Kubernetes' rules for command/args over the image's ENTRYPOINT/CMD
/// (kubernetes.io "Define a Command and Arguments for a Container", notes table).
/// </summary>
internal static class ProcessArgs
{
    /// <summary>command replaces ENTRYPOINT and drops CMD; args alone replace CMD after the ENTRYPOINT.</summary>
    public static IReadOnlyList<string> Resolve(
        IReadOnlyList<string> entrypoint, IReadOnlyList<string> cmd, IReadOnlyList<string> command, IReadOnlyList<string> args) =>
        command.Count > 0
            ? [.. command, .. args]
            : [.. entrypoint, .. args.Count > 0 ? args : cmd];
}
