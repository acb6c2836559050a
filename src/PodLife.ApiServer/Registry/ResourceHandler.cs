using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PodLife.ApiServer.Exec;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Logs;
using PodLife.ApiServer.Patching;
using PodLife.ApiServer.Proxy;
using PodLife.ApiServer.Registry.Kinds;
using PodLife.ApiServer.Security;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry;

/// <summary>Serves every resource request under /api and /apis: decides the verb, authorizes it and runs it.</summary>
public sealed class ResourceHandler(ResourceStorage storage, WatchWriter watches, PodLogStreamer logs, PodExecStreamer execs, PodPortForwarder ports, ResourceProxy proxy)
{
    public async Task HandleAsync(HttpContext ctx)
    {
        var req = ctx.Request;
        var watch = QueryFlag.IsTrue(req.Query["watch"].ToString());
        var info = RequestInfo.Parse(req.Method, req.Path.Value ?? "", watch) ?? throw Errors.ResourceNotFound();
        var def = storage.Catalog.Find(info.Group, info.Version, info.Resource) ?? throw Errors.ResourceNotFound();
        if (info.Subresource.Length > 0 && !def.Subresources.Contains(info.Subresource)) throw Errors.ResourceNotFound();
        // A namespaced kind read across all namespaces is only a collection (GET /api/v1/pods).
        if (def.Namespaced && info.Namespace.Length == 0 && !(info.IsCollection && info.Verb is "list" or "watch"))
            throw info.IsCollection ? Errors.MethodNotAllowed() : Errors.ResourceNotFound();
        if (!def.Namespaced && info.Namespace.Length > 0 && def.Resource != "namespaces") throw Errors.ResourceNotFound();
        var user = (UserInfo)ctx.Items[typeof(UserInfo)]!;
        if (info.Subresource == "proxy")
        {
            // Any method the pod's server takes, answered in whatever media type it answers.
            Authorize(new Call(ctx, info, def, user, DryRun: false), null);
            await proxy.ServeAsync(ctx, info, def);
            return;
        }
        // A collection is listed, watched, created in or deleted as a whole; one object is read, updated, patched or deleted.
        if (info.IsCollection ? info.Verb is "update" or "patch" : info.Verb == "create" && info.Subresource.Length == 0)
            throw Errors.MethodNotAllowed();
        if (!def.Verbs.Contains(info.Verb)) throw Errors.MethodNotAllowed();
        HttpJson.RequireJsonAccept(ctx);
        var call = new Call(ctx, info, def, user, req.Query["dryRun"].ToString() == "All");

        switch (info.Verb, info.Subresource)
        {
            case ("get", "" or "status"):
            case ("get", "ephemeralcontainers") when def.Resource == "pods":
                await RespondObjectAsync(call, await storage.GetStoredAsync(def, info.Namespace, info.Name, ctx.RequestAborted));
                break;
            case ("list", ""):
                await ListAsync(call);
                break;
            case ("watch", ""):
                await watches.WriteAsync(call.Ctx, def, call.Namespace, ListRequest.Parse(q => ctx.Request.Query[q], def), ctx.RequestAborted);
                break;
            case ("create", "") when SelfReviews.Answers(def):
                await RespondObjectAsync(call, StoredObject.Of(SelfReviews.Answer(def, await ReadBodyAsync(call), call.User), def), 201);
                break;
            case ("create", ""):
                await CreateAsync(call);
                break;
            case ("update", "" or "status"):
            case ("update", "ephemeralcontainers") when def.Resource == "pods":
                await UpdateAsync(call);
                break;
            case ("delete", ""):
                await DeleteAsync(call);
                break;
            case ("deletecollection", "") when def.Resource != "namespaces":
                await DeleteCollectionAsync(call);
                break;
            case ("create", "binding" or "eviction") when def.Resource == "pods":
                await new PodSubresources(storage).PostAsync(call, Authorize);
                break;
            case ("get", History.PodExplanationSubresource.Name):
                await HttpJson.WriteAsync(ctx, await History.PodExplanationSubresource.ExplainAsync(storage, info.Namespace, info.Name, ctx.RequestAborted));
                break;
            case ("get", "log") when def.Resource == "pods":
                await logs.ServeAsync(ctx, def, info.Namespace, info.Name);
                break;
            case ("get" or "create", "exec" or "attach") when def.Resource == "pods":
                // A WebSocket exec is a GET that needs the create permission (kube's AuthorizePodWebsocketUpgradeCreatePermission).
                Authorize(call with { Info = info with { Verb = "create" } }, null);
                await execs.ServeAsync(ctx, def, info.Namespace, info.Name, attach: info.Subresource == "attach");
                break;
            case ("get" or "create", "portforward") when def.Resource == "pods":
                Authorize(call with { Info = info with { Verb = "create" } }, null);
                await ports.ServeAsync(ctx, def, info.Namespace, info.Name);
                break;
            case ("update", "finalize") when def.Resource == "namespaces":
                await UpdateAsync(call);
                break;
            case ("patch", "" or "status"):
            case ("patch", "ephemeralcontainers") when def.Resource == "pods":
                await PatchAsync(call);
                break;
            default:
                throw Errors.MethodNotAllowed();
        }
    }

    // The rules a write to the object or one of its subresources goes through.
    static WriteScope Scope(Call call) => call.Info.Subresource switch
    {
        "status" => WriteScope.Status,
        "ephemeralcontainers" => WriteScope.EphemeralContainers,
        _ => WriteScope.Object,
    };

    /// <summary>One request after routing: who asks, about what.</summary>
    public sealed record Call(HttpContext Ctx, RequestInfo Info, ResourceDefinition Def, UserInfo User, bool DryRun)
    {
        public string Namespace => Info.Namespace;
        public CancellationToken Ct => Ctx.RequestAborted;
    }

    /// <summary>Applies the node authorizer to node identities (the admin may do anything).</summary>
    public static void Authorize(Call call, JsonObject? target)
    {
        if (call.User.NodeName is not { } node) return;
        if (NodeAuthorizer.Deny(node, call.Info, target) is { } why) throw NodeAuthorizer.Forbidden(call.User, call.Info, why);
    }

    async Task<JsonObject> ReadBodyAsync(Call call)
    {
        var body = await RequestBody.ReadJsonAsync(call.Ctx);
        var obj = call.Def.Codec.Decode(body, call.Def.Kind, call.Def.Version);
        CheckKind(call.Def, obj);
        return obj;
    }

    static void CheckKind(ResourceDefinition def, JsonObject obj)
    {
        var apiVersion = obj.Str("apiVersion");
        if (apiVersion.Length > 0 && apiVersion != def.ApiVersion)
            throw Errors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({def.ApiVersion})");
        var kind = obj.Str("kind");
        if (kind.Length > 0 && kind != def.Kind)
            throw Errors.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({def.Kind})");
    }

    // An object read or just written goes out from its stored bytes where it has them (StoredObject.WriteTo), not
    // encoded again from its tree.
    async Task RespondObjectAsync(Call call, StoredObject obj, int status = 200)
    {
        if (HttpJson.WantsTable(call.Ctx))
        {
            var include = TableWriter.IncludeObject(call.Ctx.Request.Query["includeObject"]);
            var meta = new JsonObject { ["resourceVersion"] = obj.ResourceVersion };
            await HttpJson.StreamAsync(call.Ctx, (writer, body) =>
                TableWriter.WriteAsync(writer, body, call.Def.Strategy.Table, [obj], meta, storage.Now, include, call.Ct), status);
            return;
        }
        await HttpJson.StreamAsync(call.Ctx, (writer, _) =>
        {
            obj.WriteTo(writer);
            return Task.CompletedTask;
        }, status);
    }

    async Task ListAsync(Call call)
    {
        var request = ListRequest.Parse(q => call.Ctx.Request.Query[q], call.Def);
        var page = await storage.ListAsync(call.Def, call.Namespace, request, call.Ct);
        try
        {
            var meta = new JsonObject { ["resourceVersion"] = page.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (page.Continue is not null) meta["continue"] = page.Continue;
            if (page.RemainingItemCount is { } remaining) meta["remainingItemCount"] = remaining;
            if (HttpJson.WantsTable(call.Ctx))
            {
                var include = TableWriter.IncludeObject(call.Ctx.Request.Query["includeObject"]);
                await HttpJson.StreamAsync(call.Ctx, (writer, body) =>
                    TableWriter.WriteAsync(writer, body, call.Def.Strategy.Table, page.Items, meta, storage.Now, include, call.Ct));
                return;
            }
            await HttpJson.StreamAsync(call.Ctx, (writer, body) => WriteListAsync(writer, body, call.Def, page.Items, (w, item) => item.WriteTo(w, typeMeta: false), meta, call.Ct));
        }
        finally
        {
            page.Release();
        }
    }

    /// <summary>A typed list; <paramref name="writeItem"/> writes each item without kind or apiVersion, as kube-apiserver encodes them.</summary>
    static async Task WriteListAsync<T>(System.Text.Json.Utf8JsonWriter writer, System.IO.Pipelines.PipeWriter body, ResourceDefinition def,
        IEnumerable<T> items, Action<System.Text.Json.Utf8JsonWriter, T> writeItem, JsonObject meta, CancellationToken ct)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", def.Kind + "List");
        writer.WriteString("apiVersion", def.ApiVersion);
        writer.WritePropertyName("metadata");
        meta.WriteTo(writer);
        writer.WriteStartArray("items");
        var index = 0;
        foreach (var item in items)
        {
            writeItem(writer, item);
            await HttpJson.FlushEveryChunkAsync(writer, body, index++, ct);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    async Task CreateAsync(Call call)
    {
        var obj = await ReadBodyAsync(call);
        Authorize(call, obj);
        var created = await storage.CreateAsync(call.Def, call.Namespace, obj, call.DryRun, call.Ct);
        await RespondObjectAsync(call, created, 201);
    }

    async Task UpdateAsync(Call call)
    {
        var obj = await ReadBodyAsync(call);
        Authorize(call, call.User.NodeName is null ? null : (await storage.GetAsync(call.Def, call.Namespace, call.Info.Name, call.Ct)).Object);
        var (updated, created) = await storage.UpdateAsync(call.Def, call.Namespace, call.Info.Name, obj, Scope(call), call.DryRun, call.Ct);
        await RespondObjectAsync(call, updated, created ? 201 : 200);
    }

    // PATCH: the patch is applied to the current object and the result goes through the same rules as an update.
    async Task PatchAsync(Call call)
    {
        var contentType = call.Ctx.Request.ContentType ?? "";
        var patch = await HttpJson.ReadBodyAsync(call.Ctx);
        var def = call.Def;
        if (RequestBody.MediaType(contentType) == PatchApplier.ApplyPatchType)
        {
            await ApplyAsync(call, patch);
            return;
        }
        // What the patch can change: the other top-level fields of the patched object are the stored ones, which fitted
        // the model when they were written.
        var touched = PatchApplier.TouchedMembers(contentType, patch);
        var updated = await storage.GuaranteedUpdateAsync(def, call.Namespace, call.Info.Name, Scope(call), call.DryRun, (original, stored) =>
        {
            // A node is authorized against the object the patch applies to (nodes patch their pods' status all the
            // time: no second read of the object just for this).
            Authorize(call, original);
            var originalVersion = original.ResourceVersion();
            JsonObject patched;
            try
            {
                // The update's own copy of the object: patched in place.
                patched = PatchApplier.ApplyTo(contentType, original, patch, def.Codec.ModelType);
            }
            catch (PatchException e)
            {
                throw Errors.FromPatch(e);
            }
            def.Codec.CheckChanged(patched, stored, touched, def.Kind, def.Version);
            CheckKind(def, patched);
            if (patched.Name() != call.Info.Name)
                throw Errors.BadRequest($"the name of the object ({patched.Name()}) does not match the name on the URL ({call.Info.Name})");
            // A patch that names a resourceVersion is a precondition on it.
            if (patched.ResourceVersion() is { Length: > 0 } rv && rv != originalVersion)
                throw Errors.Conflict(def.Group, def.Resource, call.Info.Name, Errors.ObjectModified);
            return patched;
        }, call.Ct);
        await RespondObjectAsync(call, updated);
    }

    // Server-side apply: the configuration is merged into the live object, or creates it.
    async Task ApplyAsync(Call call, byte[] body)
    {
        var def = call.Def;
        var query = call.Ctx.Request.Query;
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0)
            throw Errors.Invalid(ValidationResult.Of([FieldError.Required(FieldPath.Root("fieldManager"), "is required for apply patch")]), "meta.k8s.io", "PatchOptions", "");
        var force = QueryFlag.IsTrue(query["force"].ToString());
        var config = YamlJson.Convert(body) as JsonObject ?? throw Errors.BadRequest("error decoding YAML: the apply configuration is not an object");
        CheckKind(def, config);
        if (config.Name() != call.Info.Name)
            throw Errors.BadRequest($"the name of the object ({config.Name()}) does not match the name on the URL ({call.Info.Name})");
        JsonObject Merge(JsonObject? live)
        {
            try
            {
                var merged = ServerSideApply.Apply(live, config, manager, force, def.Codec.ModelType, storage.Now);
                def.Codec.Check(merged, def.Kind, def.Version);
                return merged;
            }
            catch (PatchException e)
            {
                throw Errors.FromPatch(e);
            }
        }
        Authorize(call, call.User.NodeName is null ? null : config);
        if (await storage.Store.GetAsync(def.Key(call.Namespace, call.Info.Name), call.Ct) is null)
        {
            var created = await storage.CreateAsync(def, call.Namespace, Merge(null), call.DryRun, call.Ct);
            await RespondObjectAsync(call, created, 201);
            return;
        }
        var updated = await storage.GuaranteedUpdateAsync(def, call.Namespace, call.Info.Name, Scope(call), call.DryRun, Merge, call.Ct);
        await RespondObjectAsync(call, updated);
    }

    // metav1.DeleteOptions of a DELETE: its body, and its query.
    static async Task<DeleteRequest> ReadDeleteOptionsAsync(Call call) =>
        DeleteRequest.Parse(await RequestBody.ReadJsonAsync(call.Ctx), q => call.Ctx.Request.Query[q], call.DryRun);

    async Task DeleteAsync(Call call)
    {
        Authorize(call, call.User.NodeName is null ? null : (await storage.GetAsync(call.Def, call.Namespace, call.Info.Name, call.Ct)).Object);
        var options = await ReadDeleteOptionsAsync(call);
        var result = await storage.DeleteAsync(call.Def, call.Namespace, call.Info.Name, options, call.Ct);
        await RespondObjectAsync(call, result);
    }

    async Task DeleteCollectionAsync(Call call)
    {
        Authorize(call, null);
        var list = ListRequest.Parse(q => call.Ctx.Request.Query[q], call.Def);
        var options = await ReadDeleteOptionsAsync(call);
        var deleted = await storage.DeleteCollectionAsync(call.Def, call.Namespace, list, options, call.Ct);
        var rv = (await storage.Store.CurrentRevisionAsync(call.Ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var meta = new JsonObject { ["resourceVersion"] = rv };
        await HttpJson.StreamAsync(call.Ctx, (writer, body) => WriteListAsync(writer, body, call.Def, deleted, (w, item) => w.WriteRawValue(item, skipInputValidation: true), meta, call.Ct));
    }
}
