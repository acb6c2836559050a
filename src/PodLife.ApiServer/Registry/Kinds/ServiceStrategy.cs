using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Http;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;
using PodLife.Store;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// Service rules (pkg/registry/core/service/strategy.go and its storage): defaults, the cluster IP and node ports the
/// storage gives before validation, validation, and a status that only the status subresource writes.
/// </summary>
public sealed class ServiceStrategy : ResourceStrategy
{
    public ServiceStrategy()
    {
        HasStatus = true;
        AllowCreateOnUpdate = true;
        Defaults = Defaulting<V1Service>(ServiceDefaults.Apply);
        Table = KindTables.Services;
        // pkg/registry/core/service/strategy.go SelectableFields (kubectl get svc --field-selector spec.type=NodePort).
        SelectableFields = ["spec.clusterIP", "spec.type"];
        Validator = Validating<V1Service>((s, old) => ServiceValidation.Validate(s, old));
    }

    readonly SemaphoreSlim _allocating = new(1, 1);

    /// <summary>One Service write at a time chooses its cluster IP and node ports from the stored Services and stores them.</summary>
    public override async ValueTask<IDisposable?> ExclusiveWriteAsync(CancellationToken ct)
    {
        await _allocating.WaitAsync(ct);
        return new Releaser(_allocating);
    }

    sealed class Releaser(SemaphoreSlim held) : IDisposable
    {
        int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) held.Release();
        }
    }

    public override async Task MutateAsync(ResourceStorage storage, JsonObject obj, JsonObject? old, CancellationToken ct)
    {
        var service = ServiceDefaults.Apply(ObjectCodec.As<V1Service>(obj));
        var stored = old is null ? null : ObjectCodec.As<V1Service>(old);
        var inUse = await InUseAsync(storage, obj.Namespace(), obj.Name(), ct);
        var errors = ServiceAllocation.Allocate(service, stored, inUse, Random.Shared);
        if (errors.Count > 0) throw Errors.Invalid(new ValidationResult(errors), "", "Service", obj.Name());
        Replace(obj, ObjectCodec.FromModel(service));
    }

    /// <summary>
    /// The Service's Endpoints go with it (kube's service storage afterDelete), at once rather than when the endpoints
    /// controller notices; its EndpointSlices are the controller's to remove, as kube's garbage collector removes them.
    /// </summary>
    public override async Task AfterDeleteAsync(ResourceStorage storage, JsonObject deleted, CancellationToken ct)
    {
        if (storage.Catalog.Find("", "v1", "endpoints") is not { } endpoints) return;
        try { await storage.DeleteAsync(endpoints, deleted.Namespace(), deleted.Name(), DeleteRequest.Default, ct); }
        // None, already gone, or not deletable now: as kube's, the Service's delete stands; the endpoints controller
        // removes what is left when it sees the Service gone.
        catch (Exception e) when (e is not OperationCanceledException) { }
    }

    // The cluster IPs and node ports of every other Service. Services are few and created rarely, so they are listed.
    static async Task<ServiceAllocation.InUse> InUseAsync(ResourceStorage storage, string ns, string name, CancellationToken ct)
    {
        var def = storage.Catalog.Find("", "v1", "services") ?? throw new InvalidOperationException("services are not served");
        var self = def.Key(ns, name);
        var ips = new HashSet<string>(StringComparer.Ordinal);
        var ports = new HashSet<int>();
        foreach (var kv in (await storage.Store.ListAsync(def.KeyPrefix(""), ListOptions.All, ct)).Items)
        {
            if (kv.Key == self) continue;
            var spec = ObjectCodec.As<V1Service>(JsonNode.Parse(kv.Value)!.AsObject()).Spec;
            foreach (var ip in spec?.ClusterIPs ?? []) if (ip is not (null or "" or ServiceDefaults.Headless)) ips.Add(ip);
            foreach (var port in spec?.Ports ?? []) if (port?.NodePort is > 0) ports.Add(port.NodePort.Value);
            if (spec?.HealthCheckNodePort is > 0) ports.Add(spec.HealthCheckNodePort.Value);
        }
        return new(ips, ports);
    }
}
