using k8s.Models;

namespace PodLife.Controllers.RootCa;

/// <summary>
/// The kube-root-ca.crt ConfigMap that kube-controller-manager's root-ca-cert-publisher keeps in every namespace, so that
/// pods can verify the API server (the projected kube-api-access volume mounts its ca.crt).
/// </summary>
public static class RootCaConfigMap
{
    public const string Name = "kube-root-ca.crt";
    public const string DataKey = "ca.crt";
    public const string DescriptionAnnotation = "kubernetes.io/description";
    public const string Description = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints " +
        "such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

    /// <summary>
    /// What to write so that the namespace holds the right ConfigMap: a new one when <paramref name="current"/> is missing,
    /// the current one with its data replaced and the description set when either differs, null when it is right.
    /// </summary>
    public static V1ConfigMap? Reconcile(V1ConfigMap? current, string ns, string caPem)
    {
        if (current is null)
            return new V1ConfigMap
            {
                ApiVersion = "v1",
                Kind = "ConfigMap",
                Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = ns, Annotations = new Dictionary<string, string> { [DescriptionAnnotation] = Description } },
                Data = new Dictionary<string, string> { [DataKey] = caPem },
            };
        var dataIsRight = current.Data is { Count: 1 } data && data.TryGetValue(DataKey, out var ca) && ca == caPem;
        var described = current.Metadata.Annotations?.TryGetValue(DescriptionAnnotation, out var d) == true && d.Length > 0;
        if (dataIsRight && described) return null;

        // Only the data (all of it: other keys go) and the one annotation are the controller's; the rest is kept.
        var fixedUp = k8s.KubernetesJson.Deserialize<V1ConfigMap>(k8s.KubernetesJson.Serialize(current));
        fixedUp.Data = new Dictionary<string, string> { [DataKey] = caPem };
        fixedUp.Metadata.Annotations ??= new Dictionary<string, string>();
        fixedUp.Metadata.Annotations[DescriptionAnnotation] = Description;
        return fixedUp;
    }
}
