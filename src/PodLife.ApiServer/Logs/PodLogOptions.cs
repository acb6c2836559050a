using System.Globalization;
using PodLife.ApiServer.Http;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Logs;

/// <summary>pods/log's query string (core/v1 PodLogOptions), checked as ValidatePodLogOptions checks it.</summary>
public sealed record PodLogOptions(
    string Container, bool Follow, bool Previous, bool Timestamps, long? TailLines, long? SinceSeconds, DateTimeOffset? SinceTime, long? LimitBytes)
{
    /// <exception cref="StatusException">400 for values that do not parse, 422 for values ValidatePodLogOptions refuses.</exception>
    public static PodLogOptions Parse(Func<string, string?> query, string pod)
    {
        var options = new PodLogOptions(
            query("container") ?? "", Bool(query, "follow"), Bool(query, "previous"), Bool(query, "timestamps"),
            Long(query, "tailLines"), Long(query, "sinceSeconds"), Time(query, "sinceTime"), Long(query, "limitBytes"));
        var errors = new List<FieldError>();
        if (options.TailLines < 0) errors.Add(FieldError.Invalid(FieldPath.Root("tailLines"), options.TailLines, "must be greater than or equal to 0"));
        if (options.LimitBytes < 1) errors.Add(FieldError.Invalid(FieldPath.Root("limitBytes"), options.LimitBytes, "must be greater than 0"));
        if (options.SinceSeconds is not null && options.SinceTime is not null)
            errors.Add(FieldError.Forbidden(FieldPath.Root(""), "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        else if (options.SinceSeconds < 1)
            errors.Add(FieldError.Invalid(FieldPath.Root("sinceSeconds"), options.SinceSeconds, "must be greater than 0"));
        if (errors.Count > 0) throw Errors.Invalid(ValidationResult.Of(errors), "", "PodLogOptions", pod);
        return options;
    }

    /// <summary>The node's query for this container; sinceTime becomes the seconds before <paramref name="now"/>.</summary>
    public PodLogQuery Query(string ns, string pod, string container, DateTimeOffset now) => new(
        ns, pod, container, Previous, TailLines,
        SinceTime is { } since ? Math.Max(1, (long)Math.Ceiling((now - since).TotalSeconds)) : SinceSeconds, Timestamps);

    static bool Bool(Func<string, string?> query, string name) => QueryFlag.Parse(query(name));

    static long? Long(Func<string, string?> query, string name) => query(name) switch
    {
        null or "" => null,
        var text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value : throw Errors.BadRequest($"strconv.ParseInt: parsing \"{text}\": invalid syntax"),
    };

    static DateTimeOffset? Time(Func<string, string?> query, string name) => query(name) switch
    {
        null or "" => null,
        var text => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value : throw Errors.BadRequest($"parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"),
    };
}
