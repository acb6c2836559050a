namespace PodLife.Core.Explain;

/// <summary>Whether a pod needs the user's attention; decides the exit code of <c>podlife explain</c>.</summary>
public enum PodHealth
{
    /// <summary>Running and Ready.</summary>
    Healthy,

    /// <summary>On its way: being scheduled, pulling images, starting, or stopping within its grace period.</summary>
    Progressing,

    /// <summary>Succeeded: every container exited with code 0.</summary>
    Completed,

    /// <summary>Failed, or stuck: unschedulable, an image that cannot be pulled, a crash loop, a failing probe, a lost node.</summary>
    InTrouble,
}
