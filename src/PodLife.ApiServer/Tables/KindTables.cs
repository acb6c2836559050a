using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.Registry;
using PodLife.Core.Printing;

namespace PodLife.ApiServer.Tables;

/// <summary>
/// kubectl's columns per kind (pkg/printers/internalversion/printers.go): the core's printers for pods, nodes,
/// events, namespaces, services and endpoints, and the small printers of configmaps, secrets, serviceaccounts and leases.
/// </summary>
public static class KindTables
{
    public static readonly ResourceTable Pods = ResourceTable.ForModel<V1Pod>(TableColumns.Pods, (pod, now) => AsTableRow(PodColumns.From(pod, now)),
        () => PodColumns.DecodeOptions, PrintedPodJson.Read);

    static ResourceTable.Row AsTableRow(PodRow row) => new(row.Cells(wide: true), row.Conditions);

    public static readonly ResourceTable Nodes = ResourceTable.ForModel<V1Node>(TableColumns.Nodes, (node, now) => new(NodeColumns.From(node, now).Cells(wide: true)));

    public static readonly ResourceTable Namespaces = ResourceTable.ForModel<V1Namespace>(TableColumns.Namespaces, (ns, now) => new(NamespaceRow.From(ns, now).Cells()));

    /// <summary>Both Event APIs print as the core/v1 Events they are stored as.</summary>
    public static readonly ResourceTable Events = ResourceTable.ForModel<Corev1Event>(TableColumns.Events, (e, now) => new(EventColumns.From(e, now).Cells(wide: true)));

    public static readonly ResourceTable Services = ResourceTable.ForModel<V1Service>(TableColumns.Services, (svc, now) => new(ServiceRow.From(svc, now).Cells()));

    public static readonly ResourceTable Endpoints = ResourceTable.ForModel<V1Endpoints>(TableColumns.Endpoints, (ep, now) => new(EndpointsRow.From(ep, now).Cells()));

    public static readonly ResourceTable EndpointSlices = ResourceTable.ForModel<V1EndpointSlice>(TableColumns.EndpointSlices, (slice, now) => new(EndpointSliceRow.From(slice, now).Cells()));

    static readonly TableColumn DataColumn = new("Data", "string", "", "Data contains the configuration data.");

    static int Count(JsonNode? node) => (node as JsonObject)?.Count ?? 0;

    public static readonly ResourceTable ConfigMaps = new([ResourceTable.NameColumn, DataColumn, ResourceTable.AgeColumn],
        (o, now) => [o.Name(), Count(o["data"]) + Count(o["binaryData"]), ResourceTable.Age(o, now)]);

    public static readonly ResourceTable Secrets = new(
        [ResourceTable.NameColumn, new("Type", "string", "", "The type of the secret"), DataColumn, ResourceTable.AgeColumn],
        (o, now) => [o.Name(), o.Str("type"), Count(o["data"]), ResourceTable.Age(o, now)]);

    public static readonly ResourceTable ServiceAccounts = new(
        [ResourceTable.NameColumn, new("Secrets", "string", "", "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), ResourceTable.AgeColumn],
        (o, now) => [o.Name(), (o["secrets"] as JsonArray)?.Count ?? 0, ResourceTable.Age(o, now)]);

    public static readonly ResourceTable Leases = new(
        [ResourceTable.NameColumn, new("Holder", "string", "", "HolderIdentity contains the identity of the holder of a current lease."), ResourceTable.AgeColumn],
        (o, now) => [o.Name(), o.At("spec.holderIdentity"), ResourceTable.Age(o, now)]);

    /// <summary>printPriorityClass: the VALUE, GLOBAL-DEFAULT and (since 1.31) PREEMPTIONPOLICY columns.</summary>
    public static readonly ResourceTable PriorityClasses = new(
        [
            ResourceTable.NameColumn,
            new("Value", "integer", "", "value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec."),
            new("Global-Default", "boolean", "", "globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority."),
            ResourceTable.AgeColumn,
            new("PreemptionPolicy", "string", "", "preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset."),
        ],
        (o, now) => [o.Name(), ObjectMeta.Long(o["value"]) ?? 0, o["globalDefault"] is JsonValue v && v.TryGetValue<bool>(out var b) && b, ResourceTable.Age(o, now), o.Str("preemptionPolicy")]);
}
