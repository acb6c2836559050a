using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Rules of a pods/status update (ValidatePodStatusUpdate): nodeName stays, and containers that may not restart stay terminated.</summary>
static class PodStatusUpdateValidation
{
    const string StaysTerminated = "may not be transitioned to non-terminated state";
    static readonly FieldPath Status = FieldPath.Root("status");

    public static IEnumerable<FieldError> Validate(V1Pod old, V1Pod updated)
    {
        var errs = new List<FieldError>();
        if ((updated.Spec?.NodeName ?? "") != (old.Spec?.NodeName ?? ""))
            errs.Add(FieldError.Forbidden(Status.Child("nodeName"), "may not be changed directly"));
        var nominated = updated.Status?.NominatedNodeName ?? "";
        if (nominated.Length > 0 && nominated != (old.Status?.NominatedNodeName ?? ""))
            errs.AddRange(NameRules.Node(nominated, false).Select(m => FieldError.Invalid(Status.Child("nominatedNodeName"), nominated, m)));
        var policy = old.Spec?.RestartPolicy ?? "";
        var sidecars = (old.Spec?.InitContainers ?? []).Where(c => c?.RestartPolicy == "Always").Select(c => c.Name).ToHashSet();
        errs.AddRange(Transitions(old.Status?.ContainerStatuses, updated.Status?.ContainerStatuses, Status.Child("containerStatuses"), policy, []));
        errs.AddRange(Transitions(old.Status?.InitContainerStatuses, updated.Status?.InitContainerStatuses, Status.Child("initContainerStatuses"), policy, sidecars));
        return errs;
    }

    // A terminated container may run again only under restartPolicy Always, after a failure under OnFailure, or as a sidecar.
    static IEnumerable<FieldError> Transitions(IList<V1ContainerStatus>? old, IList<V1ContainerStatus>? updated, FieldPath path, string policy, HashSet<string> restartable)
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
