namespace PodLife.Node.Runtime;

/// <summary>A host directory mounted into a container (CRI Mount): how volumes such as emptyDir are shared.</summary>
/// <param name="ContainerPath">Where it appears in the container, e.g. <c>/usr/share/nginx/html</c>.</param>
/// <param name="HostPath">The directory on the node, e.g. the pod's emptyDir directory.</param>
/// <param name="ReadOnly">Writes through this mount fail.</param>
public sealed record Mount(string ContainerPath, string HostPath, bool ReadOnly = false);
