using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>scheduling/v1 SetDefaults_PriorityClass: a class without preemptionPolicy preempts lower priorities.</summary>
public static class PriorityClassDefaults
{
    public const string PreemptLowerPriority = "PreemptLowerPriority";
    public const string Never = "Never";

    public static V1PriorityClass Apply(V1PriorityClass priorityClass)
    {
        var copy = DeepCopy.Of(priorityClass);
        copy.PreemptionPolicy ??= PreemptLowerPriority;
        return copy;
    }
}
