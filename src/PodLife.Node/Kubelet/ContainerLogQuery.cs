using System.Globalization;
using Microsoft.AspNetCore.Http;
using PodLife.Node.Logs;

namespace PodLife.Node.Kubelet;

/// <summary>
/// kubelet's /containerLogs query (pkg/kubelet/server/server.go getContainerLogs): previous, tailLines, sinceSeconds,
/// timestamps and follow; a value that does not parse is an <see cref="Error"/> (kubelet answers 400).
/// </summary>
public sealed record ContainerLogQuery
{
    public ContainerLogQuery(string ns, string pod, string container, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Text(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var errors = new List<string>();
        bool Flag(string name) => Text(name) switch
        {
            null or "" or "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            var other => Fail($"{name}: invalid boolean \"{other}\"", false),
        };
        long? Number(string name) => Text(name) switch
        {
            null or "" => null,
            var text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= 0 => n,
            var other => Fail<long?>($"{name}: invalid non-negative number \"{other}\"", null),
        };
        T Fail<T>(string message, T value)
        {
            errors.Add(message);
            return value;
        }
        Request = new ContainerLogRequest(ns, pod, container, Flag("previous"), Number("tailLines"), Number("sinceSeconds"), Flag("timestamps"));
        Follow = Flag("follow");
        Error = errors.Count > 0 ? string.Join("; ", errors) : null;
    }

    public ContainerLogRequest Request { get; }

    /// <summary>Keep the response open and send new lines until the container exits.</summary>
    public bool Follow { get; }

    /// <summary>Why the query is refused, or null.</summary>
    public string? Error { get; }
}
