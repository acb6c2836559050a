using PodLife.Core.Admission;
using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Http;

/// <summary>
/// The errors kube-apiserver returns, with its codes, reasons and wording
/// (k8s.io/apimachinery/pkg/api/errors/errors.go).
/// </summary>
public static class Errors
{
    /// <summary>"pods" or "leases.coordination.k8s.io", as kube-apiserver names a group resource.</summary>
    public static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";

    static JsonObject Details(string group, string resource, string? name)
    {
        var d = new JsonObject();
        if (name is not null) d["name"] = name;
        if (group.Length > 0) d["group"] = group;
        d["kind"] = resource;
        return d;
    }

    public static StatusException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Details(group, resource, name));

    public static StatusException AlreadyExists(string group, string resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists", Details(group, resource, name));

    public static StatusException Conflict(string group, string resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}", Details(group, resource, name));

    public const string ObjectModified = "the object has been modified; please apply your changes to the latest version and try again";

    /// <summary>422 Invalid with the core's message and causes (errors.NewInvalid).</summary>
    public static StatusException Invalid(ValidationResult result, string group, string kind, string name)
    {
        // Built from the core's pieces: KubernetesClient cannot serialize V1Status (its converter only reads).
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0) details["group"] = group;
        details["kind"] = kind;
        details["causes"] = new JsonArray([.. result.Errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Type.Reason, ["message"] = e.Body, ["field"] = e.Field,
        })]);
        return new(422, "Invalid", result.Message(kind, name, group), details);
    }

    /// <summary>A patch that cannot be applied, with the code the patcher chose.</summary>
    public static StatusException FromPatch(PodLife.ApiServer.Patching.PatchException e) => e.StatusCode switch
    {
        415 => new(415, "UnsupportedMediaType", e.Message),
        422 => new(422, "Invalid", e.Message),
        409 => new(409, "Conflict", e.Message),
        413 => TooLarge(e.Message),
        _ => new(400, "BadRequest", e.Message),
    };

    public static StatusException BadRequest(string message) => new(400, "BadRequest", message);

    public static StatusException Forbidden(string group, string resource, string name, string why) =>
        new(403, "Forbidden", $"{Qualified(group, resource)} \"{name}\" is forbidden: {why}", Details(group, resource, name));

    public static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static StatusException Gone(string message) => new(410, "Expired", message);

    public static StatusException ResourceNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static StatusException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public static StatusException UnsupportedMediaType(string contentType, params string[] accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnsupportedMediaType", ["message"] = contentType }) });

    public static StatusException TooLarge(string message) => new(413, "RequestEntityTooLarge", message);
}
