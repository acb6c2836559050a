namespace PodLife.Scheduler.Preemption;

/// <summary>
/// What DefaultPreemption's PostFilter concluded for a pod no node accepted: a candidate node with victims (the
/// scheduler nominates the node and evicts them), or the message that follows "preemption: " in the failure text.
/// </summary>
public sealed record PostFilterResult(PreemptionCandidate? Candidate, string? Message)
{
    public static PostFilterResult Nominate(PreemptionCandidate candidate) => new(candidate, null);

    public static PostFilterResult Fail(string message) => new(null, message);
}
