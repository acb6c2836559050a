using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tables;

/// <summary>kubectl's node columns (printers.go printNode): NAME STATUS ROLES AGE VERSION, wide adds addresses and runtime.</summary>
public sealed class NodeTable : ResourceTable
{
    public static readonly NodeTable Instance = new();

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        new("Status", "string", "", "The status of the node"),
        new("Roles", "string", "", "The roles of the node"),
        AgeColumn,
        new("Version", "string", "", "Kubelet Version reported by the node."),
        new("Internal-IP", "string", "", "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
        new("External-IP", "string", "", "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
        new("OS-Image", "string", "", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
        new("Kernel-Version", "string", "", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
        new("Container-Runtime", "string", "", "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1),
    ];

    public override JsonArray Cells(JsonObject node, DateTimeOffset now)
    {
        var status = node["status"] as JsonObject ?? [];
        var ready = (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Ready");
        var state = ready is null ? "Unknown" : ready.Str("status") == "True" ? "Ready" : "NotReady";
        if (node.At("spec.unschedulable") == "true") state += ",SchedulingDisabled";
        var roles = node.Labels().Keys
            .Where(k => k.StartsWith("node-role.kubernetes.io/", StringComparison.Ordinal))
            .Select(k => k["node-role.kubernetes.io/".Length..]).Where(r => r.Length > 0).Order(StringComparer.Ordinal).ToList();
        var info = status["nodeInfo"] as JsonObject ?? [];
        return
        [
            node.Name(), state, roles.Count == 0 ? "<none>" : string.Join(',', roles), Age(node, now), info.Str("kubeletVersion"),
            Address(status, "InternalIP"), Address(status, "ExternalIP"), Or(info.Str("osImage")), Or(info.Str("kernelVersion")),
            Or(info.Str("containerRuntimeVersion")),
        ];
    }

    static string Or(string s) => s.Length == 0 ? "<unknown>" : s;

    static string Address(JsonObject status, string type) =>
        (status["addresses"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(a => a.Str("type") == type)?.Str("address") ?? "<none>";
}
