using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>The priority classes every cluster has (pkg/apis/scheduling/types.go and v1/helpers.go), and the limits on user classes.</summary>
public static class SystemPriorityClasses
{
    /// <summary>The highest value a user-defined class may have (HighestUserDefinablePriority).</summary>
    public const int HighestUserDefinablePriority = 1_000_000_000;

    /// <summary>SystemCriticalPriority: system-cluster-critical's value; system-node-critical is 1000 above it.</summary>
    public const int SystemCriticalPriority = 2 * HighestUserDefinablePriority;

    /// <summary>Names with this prefix are reserved for the built-in classes.</summary>
    public const string Prefix = "system-";

    public const string NodeCritical = "system-node-critical";
    public const string ClusterCritical = "system-cluster-critical";

    /// <summary>The built-in classes as kube-apiserver creates them at start-up, in its order.</summary>
    public static IReadOnlyList<V1PriorityClass> All() =>
    [
        Class(NodeCritical, SystemCriticalPriority + 1000, "Used for system critical pods that must not be moved from their current node."),
        Class(ClusterCritical, SystemCriticalPriority,
            "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
    ];

    static V1PriorityClass Class(string name, int value, string description) => new()
    {
        ApiVersion = "scheduling.k8s.io/v1",
        Kind = "PriorityClass",
        Metadata = new V1ObjectMeta { Name = name },
        Value = value,
        Description = description,
        PreemptionPolicy = PriorityClassDefaults.PreemptLowerPriority,
    };

    /// <summary>Null when <paramref name="name"/> is a built-in class with exactly its value and globalDefault, else why not
    /// (IsKnownSystemPriorityClass).</summary>
    public static string? WhyNotKnown(string name, int value, bool globalDefault)
    {
        if (All().FirstOrDefault(c => c.Metadata.Name == name) is not { } known) return $"{name} is not a known system priority class";
        if (known.Value != value) return $"value of {name} PriorityClass must be {known.Value}";
        // No built-in class is the global default.
        if (globalDefault) return $"globalDefault of {name} PriorityClass must be false";
        return null;
    }

    public static bool IsSystem(string name) => name is NodeCritical or ClusterCritical;
}
