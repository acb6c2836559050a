namespace PodLife.Core.Printing;

/// <summary>One row of `kubectl get pods` (-o wide adds Ip, Node, NominatedNode, ReadinessGates), as printed strings.</summary>
/// <param name="Restarts">As printed: "3" or "3 (42s ago)"; the number alone is <see cref="RestartCount"/>.</param>
public sealed record PodRow(
    string Name,
    string Ready,
    string Status,
    string Restarts,
    string Age,
    string Ip,
    string Node,
    string NominatedNode,
    string ReadinessGates)
{
    /// <summary>The restart count the RESTARTS column shows.</summary>
    public int RestartCount { get; init; }

    /// <summary>Table row conditions: Completed for Succeeded and Failed pods, else none.</summary>
    public IReadOnlyList<TableRowCondition> Conditions { get; init; } = [];

    /// <summary>The cells in <see cref="TableColumns.Pods"/> order; without wide only the first five.</summary>
    public IReadOnlyList<object> Cells(bool wide) => wide
        ? [Name, Ready, Status, Restarts, Age, Ip, Node, NominatedNode, ReadinessGates]
        : [Name, Ready, Status, Restarts, Age];
}
