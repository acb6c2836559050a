namespace PodLife.Node.Runtime;

/// <summary>The reasons a CRI runtime gives for an exited container (containerd's CRI plugin).</summary>
public static class ContainerReasons
{
    /// <summary>Exit code 0.</summary>
    public const string Completed = "Completed";

    /// <summary>Any other exit code, including 137/143 after a stop.</summary>
    public const string Error = "Error";

    /// <summary>Killed by the kernel for exceeding its memory limit (exit code 137).</summary>
    public const string OomKilled = "OOMKilled";

    /// <summary>The process never ran: runc could not start it (exit code 128, no start time).</summary>
    public const string StartError = "StartError";
}
