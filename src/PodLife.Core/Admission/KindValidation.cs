using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Create and update validation of the small kinds PodLife serves besides pods; pass <c>old</c> on update.</summary>
/// <remarks>ConfigMaps and Secrets are in <see cref="ConfigDataValidation"/>.</remarks>
public static class KindValidation
{
    public static ValidationResult Namespace(V1Namespace? ns, V1Namespace? old = null) =>
        Meta(ns?.Metadata, old?.Metadata, old is not null, NameRules.Namespace, namespaced: false);

    public static ValidationResult Node(V1Node? node, V1Node? old = null) =>
        Meta(node?.Metadata, old?.Metadata, old is not null, NameRules.Node, namespaced: false);

    public static ValidationResult ServiceAccount(V1ServiceAccount? account, V1ServiceAccount? old = null) =>
        Meta(account?.Metadata, old?.Metadata, old is not null, NameRules.ServiceAccount, namespaced: true);

    /// <summary>coordination.k8s.io Leases: positive duration, non-negative transitions.</summary>
    public static ValidationResult Lease(V1Lease? lease, V1Lease? old = null)
    {
        var errs = Meta(lease?.Metadata, old?.Metadata, old is not null, NameRules.Lease, namespaced: true).Errors.ToList();
        var spec = FieldPath.Root("spec");
        if (lease?.Spec?.LeaseDurationSeconds is <= 0)
            errs.Add(FieldError.Invalid(spec.Child("leaseDurationSeconds"), lease.Spec.LeaseDurationSeconds.Value, "must be greater than 0"));
        if (lease?.Spec?.LeaseTransitions is < 0)
            errs.Add(FieldError.Invalid(spec.Child("leaseTransitions"), lease.Spec.LeaseTransitions.Value, "must be greater than or equal to 0"));
        return new ValidationResult(errs);
    }

    /// <summary>core/v1 Events: the involved object's namespace must agree with the event's.</summary>
    public static ValidationResult Event(Corev1Event? ev, Corev1Event? old = null)
    {
        var errs = Meta(ev?.Metadata, old?.Metadata, old is not null, NameRules.Event, namespaced: true).Errors.ToList();
        var eventNamespace = ev?.Metadata?.NamespaceProperty ?? "";
        var involved = ev?.InvolvedObject?.NamespaceProperty ?? "";
        var path = FieldPath.Root("involvedObject", "namespace");
        // Old clients send cluster-scoped objects' events to "default".
        var agrees = involved.Length == 0 ? eventNamespace is "" or "default" : involved == eventNamespace;
        if (!agrees) errs.Add(FieldError.Invalid(path, involved, "does not match event.namespace"));
        return new ValidationResult(errs);
    }

    /// <summary>Metadata on create, or on update the metadata update rules plus the create rules of the new object.</summary>
    internal static ValidationResult Meta(V1ObjectMeta? meta, V1ObjectMeta? old, bool update, NameRule rule, bool namespaced)
    {
        var errs = update ? new List<FieldError>(ObjectMetaValidation.ValidateUpdate(meta, old)) : [];
        errs.AddRange(ObjectMetaValidation.Validate(meta, rule, namespaced));
        return new ValidationResult(errs);
    }
}
