using System.Collections;
using System.Globalization;
using PodLife.Core.Images;

namespace PodLife.Core.Admission;

/// <summary>One field-level validation error; <see cref="ToString"/> prints exactly what Go's field.Error.Error() prints.</summary>
public sealed record FieldError(FieldErrorType Type, string Field, object? BadValue, string Detail)
{
    /// <summary>A bad value that is not printed (Go's omitValue).</summary>
    public static readonly object Omitted = new();

    public static FieldError Required(FieldPath path, string detail = "") => new(FieldErrorType.Required, path.ToString(), "", detail);

    public static FieldError Invalid(FieldPath path, object? value, string detail) => new(FieldErrorType.Invalid, path.ToString(), value, detail);

    public static FieldError Duplicate(FieldPath path, object? value) => new(FieldErrorType.Duplicate, path.ToString(), value, "");

    public static FieldError NotFound(FieldPath path, object? value) => new(FieldErrorType.NotFound, path.ToString(), value, "");

    public static FieldError Forbidden(FieldPath path, string detail) => new(FieldErrorType.Forbidden, path.ToString(), "", detail);

    public static FieldError NotSupported(FieldPath path, object? value, IEnumerable<string> validValues)
    {
        var quoted = validValues.Select(GoQuote.Quote).ToList();
        return new(FieldErrorType.NotSupported, path.ToString(), value, quoted.Count == 0 ? "" : "supported values: " + string.Join(", ", quoted));
    }

    public static FieldError TooLong(FieldPath path, int maxBytes) =>
        new(FieldErrorType.TooLong, path.ToString(), "", $"must have at most {maxBytes} bytes");

    public static FieldError TooMany(FieldPath path, int actual, int max) =>
        new(FieldErrorType.TooMany, path.ToString(), actual >= 0 ? actual : Omitted, max >= 0 ? $"must have at most {max} items" : "has too many items");

    public static FieldError Internal(FieldPath path, string message) => new(FieldErrorType.Internal, path.ToString(), null, message);

    /// <summary>The message without the field name, as in a StatusCause (Go's ErrorBody).</summary>
    public string Body
    {
        get
        {
            var body = Type.ShowsValue && !ReferenceEquals(BadValue, Omitted) ? $"{Type.Title}: {FormatValue(BadValue)}" : Type.Title;
            return Detail.Length == 0 ? body : $"{body}: {Detail}";
        }
    }

    public override string ToString() => $"{Field}: {Body}";

    // Go prints strings with %q, numbers and booleans with %v and string slices with %#v.
    static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => GoQuote.Quote(s),
        bool b => b ? "true" : "false",
        IFormattable number when IsNumber(number) => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> strings => "[]string{" + string.Join(", ", strings.Select(GoQuote.Quote)) + "}",
        IEnumerable items => "[" + string.Join(" ", items.Cast<object?>().Select(FormatValue)) + "]",
        _ => value.ToString() ?? "null",
    };

    static bool IsNumber(object value) => value is int or long or short or byte or uint or ulong or double or float or decimal;
}
