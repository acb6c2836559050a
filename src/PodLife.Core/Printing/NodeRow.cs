namespace PodLife.Core.Printing;

/// <summary>One row of `kubectl get nodes`; -o wide adds the addresses and the node's system info.</summary>
public sealed record NodeRow(
    string Name,
    string Status,
    string Roles,
    string Age,
    string Version,
    string InternalIp,
    string ExternalIp,
    string OsImage,
    string KernelVersion,
    string ContainerRuntime)
{
    /// <summary>The cells in <see cref="TableColumns.Nodes"/> order; without wide only the first five.</summary>
    public IReadOnlyList<object> Cells(bool wide) => wide
        ? [Name, Status, Roles, Age, Version, InternalIp, ExternalIp, OsImage, KernelVersion, ContainerRuntime]
        : [Name, Status, Roles, Age, Version];
}
