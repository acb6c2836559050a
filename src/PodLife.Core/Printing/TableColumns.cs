using static PodLife.Core.Printing.FieldDescriptions;

namespace PodLife.Core.Printing;

/// <summary>The column definitions kube-apiserver returns in a meta.k8s.io/v1 Table, per resource.</summary>
/// <remarks>pkg/printers/internalversion/printers.go AddHandlers: names, types, formats, priorities as there.</remarks>
public static class TableColumns
{
    static readonly TableColumn NameColumn = new("Name", "string", "name", Name);
    static readonly TableColumn AgeColumn = new("Age", "string", "", CreationTimestamp);

    public static IReadOnlyList<TableColumn> Pods { get; } =
    [
        NameColumn,
        new("Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        AgeColumn,
        new("IP", "string", "", PodIP, 1),
        new("Node", "string", "", NodeName, 1),
        new("Nominated Node", "string", "", NominatedNodeName, 1),
        new("Readiness Gates", "string", "", ReadinessGates, 1),
    ];

    public static IReadOnlyList<TableColumn> Nodes { get; } =
    [
        NameColumn,
        new("Status", "string", "", "The status of the node"),
        new("Roles", "string", "", "The roles of the node"),
        AgeColumn,
        new("Version", "string", "", KubeletVersion),
        new("Internal-IP", "string", "", NodeAddresses, 1),
        new("External-IP", "string", "", NodeAddresses, 1),
        new("OS-Image", "string", "", OsImage, 1),
        new("Kernel-Version", "string", "", KernelVersion, 1),
        new("Container-Runtime", "string", "", ContainerRuntimeVersion, 1),
    ];

    public static IReadOnlyList<TableColumn> Events { get; } =
    [
        new("Last Seen", "string", "", EventLastTimestamp),
        new("Type", "string", "", EventType),
        new("Reason", "string", "", EventReason),
        new("Object", "string", "", EventInvolvedObject),
        new("Subobject", "string", "", FieldPath, 1),
        new("Source", "string", "", EventSource, 1),
        new("Message", "string", "", EventMessage),
        new("First Seen", "string", "", EventFirstTimestamp, 1),
        new("Count", "string", "", EventCount, 1),
        new("Name", "string", "name", Name, 1),
    ];

    public static IReadOnlyList<TableColumn> Namespaces { get; } =
    [
        NameColumn,
        new("Status", "string", "", "The status of the namespace"),
        AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> Services { get; } =
    [
        NameColumn,
        new("Type", "string", "", ServiceType),
        new("Cluster-IP", "string", "", ServiceClusterIP),
        new("External-IP", "string", "", ServiceExternalIPs),
        new("Port(s)", "string", "", ServicePorts),
        AgeColumn,
        new("Selector", "string", "", ServiceSelector, 1),
    ];

    public static IReadOnlyList<TableColumn> Endpoints { get; } =
    [
        NameColumn,
        new("Endpoints", "string", "", EndpointsSubsets),
        AgeColumn,
    ];

    public static IReadOnlyList<TableColumn> EndpointSlices { get; } =
    [
        NameColumn,
        new("AddressType", "string", "", EndpointSliceAddressType),
        new("Ports", "string", "", EndpointSlicePorts),
        new("Endpoints", "string", "", EndpointSliceEndpoints),
        AgeColumn,
    ];
}
