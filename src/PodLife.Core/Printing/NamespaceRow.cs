using k8s.Models;

namespace PodLife.Core.Printing;

/// <summary>One row of `kubectl get namespaces` (NAME STATUS AGE), as kube-apiserver's printNamespace prints it.</summary>
public sealed record NamespaceRow(string Name, string Status, string Age)
{
    public static NamespaceRow From(V1Namespace ns, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ns);
        return new(ns.Metadata?.Name ?? "", ns.Status?.Phase ?? "", KubeTime.Since(ns.Metadata?.CreationTimestamp, now));
    }

    /// <summary>The cells in <see cref="TableColumns.Namespaces"/> order.</summary>
    public IReadOnlyList<object> Cells() => [Name, Status, Age];
}
