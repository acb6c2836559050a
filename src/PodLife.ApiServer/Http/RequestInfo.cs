namespace PodLife.ApiServer.Http;

/// <summary>
/// What a resource request is about, read from its path the way kube-apiserver's RequestInfoFactory does
/// (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): /api/v1/... or /apis/GROUP/VERSION/...,
/// then optional namespaces/NS, then RESOURCE[/NAME[/SUBRESOURCE]].
/// </summary>
public sealed record RequestInfo(string Verb, string Group, string Version, string Namespace, string Resource, string Name, string Subresource)
{
    public bool IsCollection => Name.Length == 0;

    /// <summary>Parses a resource path, or returns null when the path names no resource.</summary>
    public static RequestInfo? Parse(string method, string path, bool watch)
    {
        var parts = path.Trim('/').Split('/');
        int i;
        string group, version;
        if (parts.Length >= 2 && parts[0] == "api") { group = ""; version = parts[1]; i = 2; }
        else if (parts.Length >= 3 && parts[0] == "apis") { group = parts[1]; version = parts[2]; i = 3; }
        else return null;

        var rest = parts[i..];
        // [namespaces/NS/]RESOURCE/NAME/proxy/PATH: the path after proxy is the proxied request's own, empty segments
        // and all (ResourceProxy reads it from the request), and a watch parameter is the proxied request's too.
        var proxyAt = rest.Length > 0 && rest[0] == "namespaces" ? 4 : 2;
        var proxy = rest.Length > proxyAt && rest[proxyAt] == "proxy";
        if (proxy) rest = rest[..(proxyAt + 1)];
        if (rest.Length == 0 || rest.Any(p => p.Length == 0)) return null;
        var ns = "";
        // /namespaces/NS/RESOURCE... is namespaced, but /namespaces/NS[/status|/finalize] is the namespace itself.
        if (rest[0] == "namespaces" && rest.Length > 1)
        {
            ns = rest[1];
            if (rest.Length > 2 && rest[2] is not ("status" or "finalize")) rest = rest[2..];
        }
        if (rest.Length > 3) return null;

        var resource = rest[0];
        var name = rest.Length > 1 ? rest[1] : "";
        var sub = rest.Length > 2 ? rest[2] : "";
        if (resource == "namespaces") ns = "";
        if (proxy) watch = false;
        var verb = (method, name.Length == 0) switch
        {
            ("GET" or "HEAD", true) => watch ? "watch" : "list",
            ("GET" or "HEAD", false) => watch ? "watch" : "get",
            ("POST", _) => "create",
            ("PUT", _) => "update",
            ("PATCH", _) => "patch",
            ("DELETE", true) => "deletecollection",
            ("DELETE", false) => "delete",
            _ => method.ToLowerInvariant(),
        };
        return new RequestInfo(verb, group, version, ns, resource, name, sub);
    }
}
