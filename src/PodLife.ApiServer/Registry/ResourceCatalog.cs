using k8s.Models;
using PodLife.ApiServer.Registry.Kinds;
using PodLife.ApiServer.Tables;

namespace PodLife.ApiServer.Registry;

/// <summary>Every resource the server serves, in discovery order, and lookup by group/version/resource.</summary>
public sealed class ResourceCatalog
{
    public IReadOnlyList<ResourceDefinition> All { get; }

    readonly Dictionary<(string, string, string), ResourceDefinition> _byPath;

    public ResourceCatalog(IReadOnlyList<ResourceDefinition> all)
    {
        All = all;
        _byPath = all.ToDictionary(d => (d.Group, d.Version, d.Resource));
    }

    public ResourceDefinition? Find(string group, string version, string resource) => _byPath.GetValueOrDefault((group, version, resource));

    public ResourceDefinition Namespaces => _byPath[("", "v1", "namespaces")];
    public ResourceDefinition ServiceAccounts => _byPath[("", "v1", "serviceaccounts")];

    /// <summary>The group/versions served, core first, in discovery order.</summary>
    public IEnumerable<(string Group, string Version)> GroupVersions => All.Select(d => (d.Group, d.Version)).Distinct();

    static readonly TableColumn DataColumn = new("Data", "string", "", "Data contains the configuration data.");

    public static ResourceCatalog Create() => new(
    [
        new("", "v1", "namespaces", "namespace", "Namespace", false, ObjectCodec.For<V1Namespace>(), new NamespaceStrategy())
            { ShortNames = ["ns"], Subresources = ["status", "finalize"] },
        new("", "v1", "pods", "pod", "Pod", true, ObjectCodec.For<V1Pod>(), new PodStrategy())
            { ShortNames = ["po"], Categories = ["all"], Subresources = ["status", "binding", "eviction", "log"] },
        new("", "v1", "nodes", "node", "Node", false, ObjectCodec.For<V1Node>(),
            new ResourceStrategy { HasStatus = true, Table = NodeTable.Instance, SelectableFields = ["spec.unschedulable"] })
            { ShortNames = ["no"], Subresources = ["status"] },
        new("", "v1", "events", "event", "Event", true, ObjectCodec.For<Corev1Event>(), new ResourceStrategy
            {
                Table = EventTable.Instance,
                // pkg/registry/core/event/strategy.go ToSelectableFields
                SelectableFields =
                [
                    "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                    "reason", "reportingComponent", "source", "type",
                ],
            })
            { ShortNames = ["ev"] },
        new("", "v1", "configmaps", "configmap", "ConfigMap", true, ObjectCodec.For<V1ConfigMap>(), new ResourceStrategy
            {
                Table = new ResourceTable.Simple([ResourceTable.NameColumn, DataColumn, ResourceTable.AgeColumn],
                    (o, now) => [o.Name(), (o["data"]?.AsObject().Count ?? 0) + (o["binaryData"]?.AsObject().Count ?? 0), ResourceTable.Age(o, now)]),
            })
            { ShortNames = ["cm"] },
        new("", "v1", "secrets", "secret", "Secret", true, ObjectCodec.For<V1Secret>(), new ResourceStrategy
            {
                SelectableFields = ["type"],
                Table = new ResourceTable.Simple(
                    [ResourceTable.NameColumn, new("Type", "string", "", "The type of the secret"), DataColumn, ResourceTable.AgeColumn],
                    (o, now) => [o.Name(), o.Str("type"), o["data"]?.AsObject().Count ?? 0, ResourceTable.Age(o, now)]),
            }),
        new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ObjectCodec.For<V1ServiceAccount>(), new ResourceStrategy
            {
                Table = new ResourceTable.Simple(
                    [ResourceTable.NameColumn, new("Secrets", "string", "", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), ResourceTable.AgeColumn],
                    (o, now) => [o.Name(), (o["secrets"] as System.Text.Json.Nodes.JsonArray)?.Count ?? 0, ResourceTable.Age(o, now)]),
            })
            { ShortNames = ["sa"] },
        new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, ObjectCodec.For<V1Lease>(), new ResourceStrategy
            {
                Table = new ResourceTable.Simple(
                    [ResourceTable.NameColumn, new("Holder", "string", "", "HolderIdentity contains the identity of the holder of a current lease."), ResourceTable.AgeColumn],
                    (o, now) => [o.Name(), o.At("spec.holderIdentity"), ResourceTable.Age(o, now)]),
            }),
        new("events.k8s.io", "v1", "events", "event", "Event", true, ObjectCodec.For<Eventsv1Event>(), new ResourceStrategy
            {
                Table = EventTable.Instance,
                SelectableFields = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "reportingController", "type"],
            })
            { ShortNames = ["ev"], View = EventsV1View.Instance },
    ]);
}
