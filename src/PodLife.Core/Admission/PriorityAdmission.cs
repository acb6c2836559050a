using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>
/// kube-apiserver's Priority admission plugin (plugin/pkg/admission/priority/admission.go) as pure rules: a new pod's
/// priorityClassName resolves to spec.priority and spec.preemptionPolicy; at most one class is the global default.
/// </summary>
public static class PriorityAdmission
{
    /// <summary>DefaultPriorityWhenNoDefaultClassExists.</summary>
    public const int DefaultPriority = 0;

    /// <summary>
    /// The priority of a pod being created. <paramref name="resolved"/> is the class the pod names (null: there is none
    /// of that name) or, when it names none, the global default class (null: there is no default).
    /// </summary>
    /// <returns>The priority to write, or the reason the pod is forbidden.</returns>
    public static (PodPriority? Priority, string? Forbidden) Admit(string? className, int? priority, string? preemptionPolicy, V1PriorityClass? resolved)
    {
        PodPriority computed;
        if (string.IsNullOrEmpty(className))
            computed = resolved is null
                ? new PodPriority("", DefaultPriority, PriorityClassDefaults.PreemptLowerPriority)
                : new PodPriority(resolved.Metadata?.Name ?? "", resolved.Value ?? 0, resolved.PreemptionPolicy);
        else if (resolved is null)
            return (null, $"no PriorityClass with name {className} was found");
        else
            computed = new PodPriority(className, resolved.Value ?? 0, resolved.PreemptionPolicy);

        if (priority is { } given && given != computed.Priority)
            return (null, $"the integer value of priority ({given}) must not be provided in pod spec; " +
                $"priority admission controller computed {computed.Priority} from the given PriorityClass name");
        if (computed.PreemptionPolicy is { } policy && preemptionPolicy is not null && preemptionPolicy != policy)
            return (null, $"the string value of PreemptionPolicy ({preemptionPolicy}) must not be provided in pod spec; " +
                $"priority admission controller computed {policy} from the given PriorityClass name");
        return (computed, null);
    }

    /// <summary>The global default class; if a race left several, the one with the lowest value (getDefaultPriorityClass).</summary>
    public static V1PriorityClass? GlobalDefault(IEnumerable<V1PriorityClass> classes) =>
        classes.Where(c => c.GlobalDefault == true).OrderBy(c => c.Value ?? 0).FirstOrDefault();

    /// <summary>
    /// Null when <paramref name="priorityClass"/> may be written, else why not: a second global default is forbidden
    /// (validatePriorityClass). <paramref name="currentDefault"/> is the existing default, if any.
    /// </summary>
    public static string? CheckGlobalDefault(V1PriorityClass priorityClass, V1PriorityClass? currentDefault, bool update)
    {
        if (priorityClass.GlobalDefault != true || currentDefault is null) return null;
        var sameClass = currentDefault.Metadata?.Name == priorityClass.Metadata?.Name;
        if (update && sameClass) return null;
        return $"PriorityClass {currentDefault.Metadata?.Name} is already marked as default. Only one default can exist";
    }
}
