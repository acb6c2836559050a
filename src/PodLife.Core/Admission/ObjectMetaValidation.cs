using System.Text;
using k8s.Models;
using PodLife.Core.Images;

namespace PodLife.Core.Admission;

/// <summary>Validation of metadata shared by every kind (k8s.io/apimachinery/pkg/api/validation/objectmeta.go).</summary>
public static class ObjectMetaValidation
{
    public const int TotalAnnotationSizeLimitBytes = 256 * 1024;
    const string FieldImmutable = "field is immutable";
    static readonly FieldPath Metadata = FieldPath.Root("metadata");

    /// <summary>Metadata of an object being created (after name generation): name, generateName, namespace, labels, annotations, owners, finalizers.</summary>
    public static IReadOnlyList<FieldError> Validate(V1ObjectMeta? meta, NameRule nameRule, bool namespaced)
    {
        meta ??= new V1ObjectMeta();
        var errs = new List<FieldError>();
        if (!string.IsNullOrEmpty(meta.GenerateName))
            errs.AddRange(nameRule(meta.GenerateName, true).Select(m => FieldError.Invalid(Metadata.Child("generateName"), meta.GenerateName, m)));
        if (string.IsNullOrEmpty(meta.Name))
            errs.Add(FieldError.Required(Metadata.Child("name"), "name or generateName is required"));
        else
            errs.AddRange(nameRule(meta.Name, false).Select(m => FieldError.Invalid(Metadata.Child("name"), meta.Name, m)));
        errs.AddRange(ValidateCommon(meta, namespaced));
        return errs;
    }

    /// <summary>Metadata of an update: identity fields are immutable, a resourceVersion is required, the rest is validated again.</summary>
    public static IReadOnlyList<FieldError> ValidateUpdate(V1ObjectMeta? updated, V1ObjectMeta? old)
    {
        updated ??= new V1ObjectMeta();
        old ??= new V1ObjectMeta();
        var errs = new List<FieldError>();
        if (old.DeletionTimestamp is not null)
        {
            var added = (updated.Finalizers ?? []).Except(old.Finalizers ?? []).Order(StringComparer.Ordinal).ToList();
            if (added.Count > 0)
                errs.Add(FieldError.Forbidden(Metadata.Child("finalizers"),
                    "no new finalizers can be added if the object is being deleted, found new finalizers []string{" + string.Join(", ", added.Select(GoQuote.Quote)) + "}"));
        }
        if (string.IsNullOrEmpty(updated.ResourceVersion))
            errs.Add(FieldError.Invalid(Metadata.Child("resourceVersion"), updated.ResourceVersion ?? "", "must be specified for an update"));
        if ((updated.Generation ?? 0) < (old.Generation ?? 0))
            errs.Add(FieldError.Invalid(Metadata.Child("generation"), updated.Generation ?? 0, "must not be decremented"));
        Immutable(errs, "name", updated.Name ?? "", old.Name ?? "");
        Immutable(errs, "namespace", updated.NamespaceProperty ?? "", old.NamespaceProperty ?? "");
        Immutable(errs, "uid", updated.Uid ?? "", old.Uid ?? "");
        Immutable(errs, "creationTimestamp", updated.CreationTimestamp, old.CreationTimestamp);
        Immutable(errs, "deletionTimestamp", updated.DeletionTimestamp, old.DeletionTimestamp);
        Immutable(errs, "deletionGracePeriodSeconds", updated.DeletionGracePeriodSeconds, old.DeletionGracePeriodSeconds);
        errs.AddRange(ValidateLabels(updated.Labels, Metadata.Child("labels")));
        errs.AddRange(ValidateAnnotations(updated.Annotations, Metadata.Child("annotations")));
        errs.AddRange(ValidateOwnerReferences(updated.OwnerReferences));
        errs.AddRange(ValidateFinalizers(updated.Finalizers));
        return errs;
    }

    /// <summary>Label keys must be qualified names and values label values (also used for nodeSelector).</summary>
    public static IEnumerable<FieldError> ValidateLabels(IDictionary<string, string>? labels, FieldPath path)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            foreach (var m in NameFormats.IsQualifiedName(key ?? "")) yield return FieldError.Invalid(path, key, m);
            foreach (var m in NameFormats.IsLabelValue(value ?? "")) yield return FieldError.Invalid(path, value, m);
        }
    }

    /// <summary>Annotation keys are qualified names in any case; all keys and values together at most 256 KiB.</summary>
    public static IEnumerable<FieldError> ValidateAnnotations(IDictionary<string, string>? annotations, FieldPath path)
    {
        annotations ??= new Dictionary<string, string>();
        foreach (var key in annotations.Keys)
            foreach (var m in NameFormats.IsQualifiedName((key ?? "").ToLowerInvariant())) yield return FieldError.Invalid(path, key, m);
        long size = annotations.Sum(kv => (long)Encoding.UTF8.GetByteCount(kv.Key ?? "") + Encoding.UTF8.GetByteCount(kv.Value ?? ""));
        if (size > TotalAnnotationSizeLimitBytes) yield return FieldError.TooLong(path, TotalAnnotationSizeLimitBytes);
    }

    static IEnumerable<FieldError> ValidateCommon(V1ObjectMeta meta, bool namespaced)
    {
        var ns = meta.NamespaceProperty;
        if (namespaced && string.IsNullOrEmpty(ns))
            yield return FieldError.Required(Metadata.Child("namespace"));
        else if (namespaced)
            foreach (var m in NameRules.Namespace(ns!, false)) yield return FieldError.Invalid(Metadata.Child("namespace"), ns, m);
        else if (!string.IsNullOrEmpty(ns))
            yield return FieldError.Forbidden(Metadata.Child("namespace"), "not allowed on this type");
        if (meta.Generation < 0)
            yield return FieldError.Invalid(Metadata.Child("generation"), meta.Generation.Value, "must be greater than or equal to 0");
        foreach (var e in ValidateLabels(meta.Labels, Metadata.Child("labels"))) yield return e;
        foreach (var e in ValidateAnnotations(meta.Annotations, Metadata.Child("annotations"))) yield return e;
        foreach (var e in ValidateOwnerReferences(meta.OwnerReferences)) yield return e;
        foreach (var e in ValidateFinalizers(meta.Finalizers)) yield return e;
    }

    static IEnumerable<FieldError> ValidateOwnerReferences(IList<V1OwnerReference>? owners)
    {
        var path = Metadata.Child("ownerReferences");
        string? firstController = null;
        foreach (var owner in (owners ?? []).Select(o => o ?? new V1OwnerReference()))
        {
            var version = (owner.ApiVersion ?? "").Split('/')[^1];
            if (version.Length == 0) yield return FieldError.Invalid(path.Child("apiVersion"), owner.ApiVersion ?? "", "version must not be empty");
            if (string.IsNullOrEmpty(owner.Kind)) yield return FieldError.Invalid(path.Child("kind"), owner.Kind ?? "", "must not be empty");
            if (string.IsNullOrEmpty(owner.Name)) yield return FieldError.Invalid(path.Child("name"), owner.Name ?? "", "must not be empty");
            if (string.IsNullOrEmpty(owner.Uid)) yield return FieldError.Invalid(path.Child("uid"), owner.Uid ?? "", "must not be empty");
            if (owner.Controller != true) continue;
            var current = $"{owner.Kind}/{owner.Name}";
            if (firstController is null) firstController = current;
            else yield return FieldError.Invalid(path, FieldError.Omitted,
                $"Only one reference can have Controller set to true. Found \"true\" in references for {firstController} and {current}");
        }
    }

    static IEnumerable<FieldError> ValidateFinalizers(IList<string>? finalizers)
    {
        var path = Metadata.Child("finalizers");
        foreach (var finalizer in finalizers ?? [])
            foreach (var m in NameFormats.IsQualifiedName(finalizer ?? "")) yield return FieldError.Invalid(path, finalizer, m);
        if (finalizers is not null && finalizers.Contains("orphan") && finalizers.Contains("foregroundDeletion"))
            yield return FieldError.Invalid(path, finalizers.ToList(), "finalizer orphan and foregroundDeletion cannot be both set");
    }

    static void Immutable<T>(List<FieldError> errs, string field, T updated, T old)
    {
        if (!EqualityComparer<T>.Default.Equals(updated, old))
            errs.Add(FieldError.Invalid(Metadata.Child(field), updated is null ? null : updated.ToString(), FieldImmutable));
    }
}
