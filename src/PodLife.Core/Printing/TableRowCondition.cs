namespace PodLife.Core.Printing;

/// <summary>A meta.k8s.io/v1 TableRowCondition, such as the Completed condition on finished pods.</summary>
public sealed record TableRowCondition(string Type, string Status, string Reason, string Message)
{
    /// <summary>The row condition kube-apiserver puts on a Succeeded pod.</summary>
    public static TableRowCondition PodSucceeded { get; } =
        new("Completed", "True", "Succeeded", "The pod has completed successfully.");

    /// <summary>The row condition kube-apiserver puts on a Failed pod.</summary>
    public static TableRowCondition PodFailed { get; } = new("Completed", "True", "Failed", "The pod failed.");
}
