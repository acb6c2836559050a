using k8s.Models;

namespace PodLife.Core.Admission;

/// <summary>Rules for spec.tolerations (ValidateTolerations).</summary>
static class TolerationValidation
{
    static readonly string[] Operators = ["Equal", "Exists"];
    static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static IEnumerable<FieldError> Validate(IList<V1Toleration>? tolerations, FieldPath path)
    {
        foreach (var (toleration, i) in (tolerations ?? []).Select((t, i) => (t ?? new V1Toleration(), i)))
        {
            var at = path.Index(i);
            var key = toleration.Key ?? "";
            var op = toleration.OperatorProperty ?? "";
            foreach (var m in key.Length > 0 ? NameFormats.IsQualifiedName(key) : [])
                yield return FieldError.Invalid(at.Child("key"), key, m);
            // An empty key with Exists matches every taint; with Equal it would match nothing sensible.
            if (key.Length == 0 && op != "Exists")
                yield return FieldError.Invalid(at.Child("operator"), op,
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            if (toleration.TolerationSeconds is not null && toleration.Effect != "NoExecute")
                yield return FieldError.Invalid(at.Child("effect"), toleration.Effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
            switch (op)
            {
                case "Equal" or "":
                    var valueErrors = NameFormats.IsLabelValue(toleration.Value ?? "");
                    if (valueErrors.Count > 0) yield return FieldError.Invalid(at.Child("operator"), toleration.Value ?? "", string.Join(";", valueErrors));
                    break;
                case "Exists":
                    if (!string.IsNullOrEmpty(toleration.Value))
                        yield return FieldError.Invalid(at.Child("operator"), toleration.Value, "value must be empty when `operator` is 'Exists'");
                    break;
                default:
                    yield return FieldError.NotSupported(at.Child("operator"), op, Operators);
                    break;
            }
            if (!string.IsNullOrEmpty(toleration.Effect) && !Effects.Contains(toleration.Effect))
                yield return FieldError.NotSupported(at.Child("effect"), toleration.Effect, Effects);
        }
    }
}
