using k8s.Models;
using PodLife.Core.Images;

namespace PodLife.Core.Admission;

/// <summary>The field errors of one validation, and the 422 Invalid Status kube-apiserver makes of them (errors.NewInvalid).</summary>
public sealed record ValidationResult(IReadOnlyList<FieldError> Errors)
{
    public static readonly ValidationResult Valid = new([]);

    public bool IsValid => Errors.Count == 0;

    /// <summary>Errors joined like utilerrors.Aggregate: one error alone, several as "[a, b]", repeated messages once.</summary>
    public string AggregateMessage
    {
        get
        {
            var distinct = Errors.Select(e => e.ToString()).Distinct().ToList();
            return distinct.Count == 1 ? distinct[0] : "[" + string.Join(", ", distinct) + "]";
        }
    }

    /// <summary>The Status message: <c>Pod "x" is invalid: spec.containers[0].image: Required value</c>.</summary>
    /// <remarks>kubectl prefixes "The " when it prints this error; the server's message has no prefix.</remarks>
    public string Message(string kind, string? name, string group = "")
    {
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var subject = $"{qualifiedKind} {GoQuote.Quote(name ?? "")} is invalid";
        return IsValid ? subject : $"{subject}: {AggregateMessage}";
    }

    /// <summary>The 422 Status with one cause per error (reason = error type, message = body, field = path).</summary>
    public V1Status ToStatus(string kind, string? name, string group = "") => new()
    {
        ApiVersion = "v1",
        Kind = "Status",
        Metadata = new V1ListMeta(),
        Status = "Failure",
        Code = 422,
        Reason = "Invalid",
        Message = Message(kind, name, group),
        Details = new V1StatusDetails
        {
            Group = group.Length == 0 ? null : group,
            Kind = kind,
            Name = name,
            Causes = Errors.Select(e => new V1StatusCause { Reason = e.Type.Reason, Message = e.Body, Field = e.Field }).ToList(),
        },
    };

    public static ValidationResult Of(IEnumerable<FieldError> errors) => new(errors.ToList());
}
