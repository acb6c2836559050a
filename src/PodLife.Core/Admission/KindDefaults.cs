using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Scheme defaults of the small kinds (pkg/apis/core/v1/defaults.go); each returns a defaulted copy.</summary>
public static class KindDefaults
{
    /// <summary>The kubernetes.io/metadata.name label (only when named) and phase Active.</summary>
    public static V1Namespace Namespace(V1Namespace ns)
    {
        var copy = DeepCopy.Of(ns);
        if (!string.IsNullOrEmpty(copy.Metadata?.Name))
        {
            copy.Metadata.Labels ??= new Dictionary<string, string>();
            copy.Metadata.Labels["kubernetes.io/metadata.name"] = copy.Metadata.Name;
        }
        copy.Status ??= new V1NamespaceStatus();
        copy.Status.Phase = PodDefaults.OrDefault(copy.Status.Phase, "Active");
        return copy;
    }

    /// <summary>A node reporting capacity but no allocatable can allocate all of it.</summary>
    public static V1Node Node(V1Node node)
    {
        var copy = DeepCopy.Of(node);
        if (copy.Status is { Allocatable: null, Capacity: not null } status)
            status.Allocatable = new Dictionary<string, ResourceQuantity>(status.Capacity);
        return copy;
    }

    public static V1Secret Secret(V1Secret secret)
    {
        var copy = DeepCopy.Of(secret);
        copy.Type = PodDefaults.OrDefault(copy.Type, "Opaque");
        return copy;
    }

    public static V1ConfigMap ConfigMap(V1ConfigMap configMap)
    {
        var copy = DeepCopy.Of(configMap);
        copy.Data ??= new Dictionary<string, string>();
        return copy;
    }
}
