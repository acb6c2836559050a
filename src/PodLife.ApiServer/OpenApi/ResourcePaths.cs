using System.Reflection;
using System.Text.Json.Nodes;
using k8s.Models;

namespace PodLife.ApiServer.OpenApi;

/// <summary>
/// The paths of one served resource: its collection, its objects, the all-namespaces list and the
/// subresources PodLife serves (status, binding, eviction), named like kube-apiserver's operations.
/// </summary>
static class ResourcePaths
{
    public static void Add(JsonObject paths, ServedResource resource, SchemaGenerator schemas, OperationBuilder operations)
    {
        var entity = resource.Entity;
        var package = SchemaNames.PackageOf(entity);
        var kind = schemas.Add(resource.Kind, package);
        var list = resource.List is null ? kind : schemas.Add(resource.List, package);
        var status = schemas.Add(typeof(V1Status), package);
        var deleteOptions = schemas.Add(typeof(V1DeleteOptions), package);
        var gvk = GroupVersionKind.From(entity);
        var group = entity.Group.Length == 0 ? "core" : entity.Group.Split('.')[0];
        var prefix = Pascal(group) + Pascal(entity.ApiVersion);
        var tag = $"{group}_{entity.ApiVersion}";
        var scope = resource.Namespaced ? "Namespaced" : "";
        var collection = $"/{resource.GroupVersionPath}{(resource.Namespaced ? "/namespaces/{namespace}" : "")}/{resource.Plural}";
        var what = $"{entity.Kind}";

        var listOperation = operations.Operation("list", $"list{prefix}{scope}{what}", $"list or watch objects of kind {what}", gvk, tag, null, list, OperationBuilder.ListParameters);
        if (resource.ReadOnly)
        {
            // get, list and watch only (podtimelines), under the same operation ids as a writable kind's.
            paths[collection] = PathItem(operations, resource.Namespaced, named: false, ("get", listOperation));
            paths[collection + "/{name}"] = PathItem(operations, resource.Namespaced, named: true,
                ("get", operations.Operation("get", $"read{prefix}{scope}{what}", $"read the specified {what}", gvk, tag, null, kind, [])));
        }
        else
        {
            paths[collection] = PathItem(operations, resource.Namespaced, named: false,
                ("get", listOperation),
                ("post", operations.Operation("post", $"create{prefix}{scope}{what}", $"create a {what}", gvk, tag, kind, kind, OperationBuilder.WriteParameters)),
                ("delete", operations.Operation("deletecollection", $"delete{prefix}Collection{scope}{what}", $"delete collection of {what}", gvk, tag, deleteOptions, status,
                    [.. OperationBuilder.ListParameters, .. OperationBuilder.DeleteParameters])));
            paths[collection + "/{name}"] = ObjectPaths(schemas, operations, resource.Namespaced, prefix + scope + what, what, gvk, tag, kind, status, deleteOptions, withDelete: true);
        }
        if (resource.Namespaced)
        {
            paths[$"/{resource.GroupVersionPath}/{resource.Plural}"] = PathItem(operations, namespaced: false, named: false,
                ("get", operations.Operation("list", $"list{prefix}{what}ForAllNamespaces", $"list or watch objects of kind {what}", gvk, tag, null, list, OperationBuilder.ListParameters)));
        }
        if (resource.Kind == typeof(V1Pod) || resource.Kind == typeof(V1Node))
        {
            paths[collection + "/{name}/status"] = ObjectPaths(schemas, operations, resource.Namespaced, $"{prefix}{scope}{what}Status", $"status of the specified {what}", gvk, tag, kind, status, deleteOptions, withDelete: false);
        }
        if (resource.Kind == typeof(V1Pod))
        {
            AddPodAction(paths, collection, "binding", typeof(V1Binding), package, prefix, tag, schemas, operations);
            AddPodAction(paths, collection, "eviction", typeof(V1Eviction), package, prefix, tag, schemas, operations);
        }
    }

    static JsonObject ObjectPaths(SchemaGenerator schemas, OperationBuilder operations, bool namespaced, string id, string what, GroupVersionKind gvk, string tag,
        string kind, string status, string deleteOptions, bool withDelete)
    {
        var verbs = new List<(string, JsonObject)>
        {
            ("get", operations.Operation("get", $"read{id}", $"read the specified {what}", gvk, tag, null, kind, [])),
            ("put", operations.Operation("put", $"replace{id}", $"replace the specified {what}", gvk, tag, kind, kind, OperationBuilder.WriteParameters)),
            ("patch", operations.Operation("patch", $"patch{id}", $"partially update the specified {what}", gvk, tag, schemas.AddSpecial(SchemaNames.Patch), kind, OperationBuilder.PatchParameters)),
        };
        if (withDelete)
        {
            verbs.Add(("delete", operations.Operation("delete", $"delete{id}", $"delete a {what}", gvk, tag, deleteOptions, status, OperationBuilder.DeleteParameters)));
        }
        return PathItem(operations, namespaced, named: true, [.. verbs]);
    }

    static void AddPodAction(JsonObject paths, string collection, string subresource, Type kind, string package, string prefix, string tag,
        SchemaGenerator schemas, OperationBuilder operations)
    {
        var entity = kind.GetCustomAttribute<KubernetesEntityAttribute>()!;
        var name = schemas.Add(kind, package);
        paths[$"{collection}/{{name}}/{subresource}"] = PathItem(operations, namespaced: true, named: true,
            ("post", operations.Operation("post", $"create{prefix}NamespacedPod{entity.Kind}", $"create {subresource} of a Pod",
                GroupVersionKind.From(entity), tag, name, name, OperationBuilder.WriteParameters)));
    }

    static JsonObject PathItem(OperationBuilder operations, bool namespaced, bool named, params (string Verb, JsonObject Operation)[] verbs)
    {
        var item = new JsonObject();
        foreach (var (verb, operation) in verbs) item[verb] = operation;
        var parameters = new JsonArray();
        if (named) parameters.Add(operations.Parameter("name", "path", "string", required: true));
        if (namespaced) parameters.Add(operations.Parameter("namespace", "path", "string", required: true));
        parameters.Add(operations.Parameter("pretty", "query", "string", required: false));
        item["parameters"] = parameters;
        return item;
    }

    static string Pascal(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
