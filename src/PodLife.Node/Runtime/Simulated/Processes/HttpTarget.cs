using System.Globalization;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>A URL as wget and curl take it: <c>[http://]host[:port][/path]</c>.</summary>
internal sealed record HttpTarget(string Host, int Port, string Path, bool ExplicitPort)
{
    /// <summary>Reads <paramref name="url"/>; null when it has no host or a bad port.</summary>
    public static HttpTarget? Parse(string url)
    {
        var rest = url;
        var port = 80;
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            if (rest[..scheme].Equals("https", StringComparison.OrdinalIgnoreCase)) port = 443;
            rest = rest[(scheme + 3)..];
        }
        var slash = rest.IndexOfAny(['/', '?']);
        var path = slash < 0 ? "/" : rest[slash] == '?' ? "/" + rest[slash..] : rest[slash..];
        var authority = slash < 0 ? rest : rest[..slash];
        var colon = authority.LastIndexOf(':');
        var explicitPort = colon >= 0;
        if (explicitPort)
        {
            if (!int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535) return null;
            authority = authority[..colon];
        }
        return authority.Length == 0 ? null : new HttpTarget(authority, port, path, explicitPort);
    }

    /// <summary>The host as the URL gave it, with its port if it gave one (wget's "Connecting to" line).</summary>
    public string HostAndPort => ExplicitPort ? $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}" : Host;

    /// <summary>The last path segment, or index.html (the file wget saves to).</summary>
    public string FileName
    {
        get
        {
            var path = Path.Split('?')[0];
            var name = path[(path.LastIndexOf('/') + 1)..];
            return name.Length == 0 ? "index.html" : name;
        }
    }

    /// <summary>
    /// Sends the request from <paramref name="process"/>'s pod: loopback addresses are the pod's own, others go through
    /// the cluster network (outside the simulation's lock, which the far pod's runtime takes).
    /// </summary>
    public Task<PodAnswer> SendAsync(SimulatedProcess process, string ip, string method)
    {
        var container = process.Container;
        var to = PodResolver.Destination(container, ip);
        return process.OutsideAsync(() => container.Network.RequestAsync(to, Port, method, Path));
    }

    /// <summary>The reason phrase of an HTTP status, as servers send it.</summary>
    public static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "",
    };
}
