using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Rules of a pods/status update (ValidatePodStatusUpdate): nodeName stays, and containers that may not restart stay terminated.</summary>
static class PodStatusUpdateValidation
{
    const string StaysTerminated = "may not be transitioned to non-terminated state";
    static readonly IReadOnlySet<string> NoSidecars = new HashSet<string>();
    static readonly FieldPath Status = FieldPath.Root("status");

    public static IEnumerable<FieldError> Validate(V1Pod old, V1Pod updated)
    {
        var errs = new List<FieldError>();
        if ((updated.Spec?.NodeName ?? "") != (old.Spec?.NodeName ?? ""))
            errs.Add(FieldError.Forbidden(Status.Child("nodeName"), "may not be changed directly"));
        var sidecars = (old.Spec?.InitContainers ?? []).Where(c => c?.RestartPolicy == "Always").Select(c => c.Name).ToHashSet();
        errs.AddRange(StatusRules(old.Spec?.RestartPolicy ?? "", sidecars, old.Status, updated.Status));
        return errs;
    }

    /// <summary>The rules only the status can break: a new nominated node's name, and terminated containers staying so.</summary>
    public static List<FieldError> StatusRules(string restartPolicy, IReadOnlySet<string> sidecars, V1PodStatus? old, V1PodStatus? updated)
    {
        var errs = new List<FieldError>();
        var nominated = updated?.NominatedNodeName ?? "";
        if (nominated.Length > 0 && nominated != (old?.NominatedNodeName ?? ""))
            errs.AddRange(NameRules.Node(nominated, false).Select(m => FieldError.Invalid(Status.Child("nominatedNodeName"), nominated, m)));
        errs.AddRange(Transitions(old?.ContainerStatuses, updated?.ContainerStatuses, Status.Child("containerStatuses"), restartPolicy, NoSidecars));
        errs.AddRange(Transitions(old?.InitContainerStatuses, updated?.InitContainerStatuses, Status.Child("initContainerStatuses"), restartPolicy, sidecars));
        return errs;
    }

    // A terminated container may run again only under restartPolicy Always, after a failure under OnFailure, or as a sidecar.
    static IEnumerable<FieldError> Transitions(IList<V1ContainerStatus>? old, IList<V1ContainerStatus>? updated, FieldPath path, string policy, IReadOnlySet<string> restartable)
    {
        if (policy == "Always") yield break;
        foreach (var (before, i) in (old ?? []).Select((s, i) => (s, i)))
        {
            if (before?.State?.Terminated is not { } terminated) continue;
            if (terminated.ExitCode != 0 && policy == "OnFailure") continue;
            if (restartable.Contains(before.Name)) continue;
            foreach (var after in updated ?? [])
                if (after is not null && after.Name == before.Name && after.State?.Terminated is null)
                    yield return FieldError.Forbidden(path.Index(i).Child("state"), StaysTerminated);
        }
    }
}
