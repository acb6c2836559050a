using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>ConfigMap and Secret validation (ValidateConfigMap, ValidateSecret and their updates); pass <c>old</c> on update.</summary>
public static class ConfigDataValidation
{
    public const int MaxSize = 1024 * 1024;
    const string ImmutableSet = "field is immutable when `immutable` is set";

    public static ValidationResult ConfigMap(V1ConfigMap? configMap, V1ConfigMap? old = null)
    {
        var errs = KindValidation.Meta(configMap?.Metadata, old?.Metadata, old is not null, NameRules.ConfigMap, namespaced: true).Errors.ToList();
        var data = configMap?.Data ?? new Dictionary<string, string>();
        var binary = configMap?.BinaryData ?? new Dictionary<string, byte[]>();
        long size = 0;
        foreach (var (key, value) in data)
        {
            errs.AddRange(Keys(key, FieldPath.Root("data")));
            if (binary.ContainsKey(key)) errs.Add(FieldError.Invalid(FieldPath.Root("data").Key(key), key, "duplicate of key present in binaryData"));
            size += System.Text.Encoding.UTF8.GetByteCount(value ?? "");
        }
        foreach (var (key, value) in binary)
        {
            errs.AddRange(Keys(key, FieldPath.Root("binaryData")));
            size += value?.Length ?? 0;
        }
        if (size > MaxSize) errs.Add(FieldError.TooLong(FieldPath.Root(""), MaxSize));
        if (old?.Immutable == true)
        {
            if (configMap?.Immutable != true) errs.Add(FieldError.Forbidden(FieldPath.Root("immutable"), ImmutableSet));
            if (!SameEntries(data, old.Data, string.Equals)) errs.Add(FieldError.Forbidden(FieldPath.Root("data"), ImmutableSet));
            if (!SameEntries(binary, old.BinaryData, (a, b) => (a ?? []).SequenceEqual(b ?? []))) errs.Add(FieldError.Forbidden(FieldPath.Root("binaryData"), ImmutableSet));
        }
        return new ValidationResult(errs);
    }

    /// <summary>Secrets: keys of data and stringData (which kube-apiserver merges into data), 1 MiB in all; type is immutable.</summary>
    public static ValidationResult Secret(V1Secret? secret, V1Secret? old = null)
    {
        var errs = KindValidation.Meta(secret?.Metadata, old?.Metadata, old is not null, NameRules.Secret, namespaced: true).Errors.ToList();
        var data = new Dictionary<string, byte[]>(secret?.Data ?? new Dictionary<string, byte[]>());
        foreach (var (key, value) in secret?.StringData ?? new Dictionary<string, string>())
            data[key] = System.Text.Encoding.UTF8.GetBytes(value ?? "");
        foreach (var key in data.Keys) errs.AddRange(Keys(key, FieldPath.Root("data")));
        if (data.Values.Sum(v => (long)(v?.Length ?? 0)) > MaxSize) errs.Add(FieldError.TooLong(FieldPath.Root("data"), MaxSize));
        if (old is not null)
        {
            if ((secret?.Type ?? "") != (old.Type ?? "")) errs.Add(FieldError.Invalid(FieldPath.Root("type"), secret?.Type ?? "", "field is immutable"));
            if (old.Immutable == true && secret?.Immutable != true) errs.Add(FieldError.Forbidden(FieldPath.Root("immutable"), ImmutableSet));
            if (old.Immutable == true && !SameEntries(data, old.Data, (a, b) => (a ?? []).SequenceEqual(b ?? [])))
                errs.Add(FieldError.Forbidden(FieldPath.Root("data"), ImmutableSet));
        }
        return new ValidationResult(errs);
    }

    static IEnumerable<FieldError> Keys(string key, FieldPath path) =>
        NameFormats.IsConfigMapKey(key).Select(m => FieldError.Invalid(path.Key(key), key, m));

    static bool SameEntries<T>(IDictionary<string, T> a, IDictionary<string, T>? b, Func<T, T, bool> same)
    {
        b ??= new Dictionary<string, T>();
        return a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && same(kv.Value, other));
    }
}
