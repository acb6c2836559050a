namespace PodLife.Core.Admission;

/// <summary>The kinds of field errors of k8s.io/apimachinery/pkg/util/validation/field, with their cause reason and text.</summary>
/// <param name="Reason">The machine-readable reason, also the StatusCause type (<c>FieldValueRequired</c>).</param>
/// <param name="Title">The human text at the start of the error body (<c>Required value</c>).</param>
/// <param name="ShowsValue">Whether the bad value is printed after the title.</param>
public sealed record FieldErrorType(string Reason, string Title, bool ShowsValue)
{
    public static readonly FieldErrorType NotFound = new("FieldValueNotFound", "Not found", true);
    public static readonly FieldErrorType Required = new("FieldValueRequired", "Required value", false);
    public static readonly FieldErrorType Duplicate = new("FieldValueDuplicate", "Duplicate value", true);
    public static readonly FieldErrorType Invalid = new("FieldValueInvalid", "Invalid value", true);
    public static readonly FieldErrorType NotSupported = new("FieldValueNotSupported", "Unsupported value", true);
    public static readonly FieldErrorType Forbidden = new("FieldValueForbidden", "Forbidden", false);
    public static readonly FieldErrorType TooLong = new("FieldValueTooLong", "Too long", false);
    public static readonly FieldErrorType TooMany = new("FieldValueTooMany", "Too many", true);
    public static readonly FieldErrorType Internal = new("InternalError", "Internal error", false);
    public static readonly FieldErrorType TypeInvalid = new("FieldValueTypeInvalid", "Invalid value", true);
}
