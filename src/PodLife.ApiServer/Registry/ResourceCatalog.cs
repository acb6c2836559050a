using k8s.Models;
using PodLife.ApiServer.Registry.Kinds;
using PodLife.ApiServer.Tables;
using PodLife.Core.Admission;

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

    /// <summary>Everything PodLife serves; without <paramref name="history"/> no podtimelines, as on a plain Kubernetes cluster.</summary>
    public static ResourceCatalog Create(bool history = true) =>
        new([.. Definitions().Where(d => history || d != History.PodTimelineResource.Definition)]);

    static IReadOnlyList<ResourceDefinition> Definitions() =>
    [
        new("", "v1", "namespaces", "namespace", "Namespace", false, ObjectCodec.For<V1Namespace>(), new NamespaceStrategy())
            { ShortNames = ["ns"], Subresources = ["status", "finalize"] },
        new("", "v1", "pods", "pod", "Pod", true, ObjectCodec.For<V1Pod>(), new PodStrategy())
            { ShortNames = ["po"], Categories = ["all"], Subresources = ["status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy", "ephemeralcontainers"] },
        new("", "v1", "nodes", "node", "Node", false, ObjectCodec.For<V1Node>(), new ResourceStrategy
            {
                HasStatus = true,
                StatusSettableOnCreate = true,
                Defaults = ResourceStrategy.Defaulting<V1Node>(KindDefaults.Node),
                Table = KindTables.Nodes,
                SelectableFields = ["spec.unschedulable"],
                Validator = ResourceStrategy.Validating<V1Node>((n, old) => KindValidation.Node(n, old)),
            })
            { ShortNames = ["no"], Subresources = ["status"] },
        new("", "v1", "events", "event", "Event", true, ObjectCodec.For<Corev1Event>(), new ResourceStrategy
            {
                Table = KindTables.Events,
                AllowCreateOnUpdate = true,
                // pkg/registry/core/event/strategy.go ToSelectableFields
                SelectableFields =
                [
                    "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                    "reason", "reportingComponent", "source", "type",
                ],
                Validator = ResourceStrategy.Validating<Corev1Event>((e, old) => KindValidation.Event(e, old)),
            })
            { ShortNames = ["ev"] },
        new("", "v1", "configmaps", "configmap", "ConfigMap", true, ObjectCodec.For<V1ConfigMap>(), new ResourceStrategy
            {
                Table = KindTables.ConfigMaps,
                Validator = ResourceStrategy.Validating<V1ConfigMap>((c, old) => ConfigDataValidation.ConfigMap(c, old)),
            })
            { ShortNames = ["cm"] },
        new("", "v1", "secrets", "secret", "Secret", true, ObjectCodec.For<V1Secret>(), new ResourceStrategy
            {
                SelectableFields = ["type"],
                Defaults = ResourceStrategy.Defaulting<V1Secret>(KindDefaults.Secret),
                Table = KindTables.Secrets,
                Validator = ResourceStrategy.Validating<V1Secret>((s, old) => ConfigDataValidation.Secret(s, old)),
            }),
        new("", "v1", "services", "service", "Service", true, ObjectCodec.For<V1Service>(), new ServiceStrategy())
            { ShortNames = ["svc"], Categories = ["all"], Subresources = ["status", "proxy"] },
        new("", "v1", "endpoints", "endpoints", "Endpoints", true, ObjectCodec.For<V1Endpoints>(), new ResourceStrategy
            {
                AllowCreateOnUpdate = true,
                Defaults = ResourceStrategy.Defaulting<V1Endpoints>(EndpointsValidation.Defaults),
                Table = KindTables.Endpoints,
                Validator = ResourceStrategy.Validating<V1Endpoints>((e, old) => EndpointsValidation.Endpoints(e, old)),
            })
            { ShortNames = ["ep"] },
        new("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, ObjectCodec.For<V1ServiceAccount>(), new ResourceStrategy
            {
                Table = KindTables.ServiceAccounts,
                Validator = ResourceStrategy.Validating<V1ServiceAccount>((a, old) => KindValidation.ServiceAccount(a, old)),
            })
            { ShortNames = ["sa"] },
        new("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, ObjectCodec.For<V1Lease>(), new ResourceStrategy
            {
                Table = KindTables.Leases,
                AllowUnconditionalUpdate = false,
                AllowCreateOnUpdate = true,
                Validator = ResourceStrategy.Validating<V1Lease>((l, old) => KindValidation.Lease(l, old)),
            }),
        new("events.k8s.io", "v1", "events", "event", "Event", true, ObjectCodec.For<Eventsv1Event>(), new ResourceStrategy
            {
                Table = KindTables.Events,
                AllowCreateOnUpdate = true,
                SelectableFields = ["regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "reason", "reportingController", "type"],
                Validator = (e, old) => KindValidation.Event(
                    EventsV1View.Instance.StoredModel(e), old is null ? null : EventsV1View.Instance.StoredModel(old)),
            })
            { ShortNames = ["ev"], View = EventsV1View.Instance },
        new("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass", "PriorityClass", false, ObjectCodec.For<V1PriorityClass>(), new PriorityClassStrategy())
            { ShortNames = ["pc"] },
        new("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, ObjectCodec.For<V1EndpointSlice>(), new ResourceStrategy
            {
                Defaults = ResourceStrategy.Defaulting<V1EndpointSlice>(EndpointsValidation.Defaults),
                Table = KindTables.EndpointSlices,
                Validator = ResourceStrategy.Validating<V1EndpointSlice>((e, old) => EndpointsValidation.EndpointSlice(e, old)),
            }),
        .. Security.SelfReviews.Definitions,
        History.PodTimelineResource.Definition,
    ];
}
