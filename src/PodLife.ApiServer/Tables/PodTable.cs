using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;

namespace PodLife.ApiServer.Tables;

/// <summary>
/// kubectl's pod columns (pkg/printers/internalversion/printers.go printPod): NAME READY STATUS RESTARTS AGE,
/// and with -o wide IP NODE NOMINATED NODE READINESS GATES.
/// </summary>
/// <remarks>A small subset of printPod's STATUS rules; PodLife.Core's PodColumns replaces it when it lands.</remarks>
public sealed class PodTable : ResourceTable
{
    public static readonly PodTable Instance = new();

    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        new("Ready", "string", "", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        AgeColumn,
        new("IP", "string", "", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", 1),
        new("Node", "string", "", "NodeName is a request to schedule this pod onto a specific node.", 1),
        new("Nominated Node", "string", "", "nominatedNodeName is set only when this pod preempts other pods on the node.", 1),
        new("Readiness Gates", "string", "", "If specified, all readiness gates will be evaluated for pod readiness.", 1),
    ];

    public override JsonArray Cells(JsonObject pod, DateTimeOffset now)
    {
        var status = pod["status"] as JsonObject ?? [];
        var statuses = (status["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = statuses.Count(s => s["ready"]?.GetValue<bool>() == true);
        var restarts = statuses.Sum(s => s["restartCount"]?.GetValue<int>() ?? 0);
        var gates = (pod["spec"]?["readinessGates"] as JsonArray)?.Count ?? 0;
        return
        [
            pod.Name(), $"{ready}/{total}", Reason(pod, status, statuses), restarts, Age(pod, now),
            Or(status.Str("podIP")), Or(pod.At("spec.nodeName")), Or(status.Str("nominatedNodeName")),
            gates == 0 ? "<none>" : $"0/{gates}",
        ];
    }

    static string Or(string s) => s.Length == 0 ? "<none>" : s;

    static string Reason(JsonObject pod, JsonObject status, List<JsonObject> statuses)
    {
        var reason = status.Str("reason") is { Length: > 0 } r ? r : status.Str("phase");
        for (var i = statuses.Count - 1; i >= 0; i--)
        {
            var state = statuses[i]["state"] as JsonObject;
            if (state?["waiting"] is JsonObject w && w.Str("reason").Length > 0) reason = w.Str("reason");
            else if (state?["terminated"] is JsonObject t)
                reason = t.Str("reason") is { Length: > 0 } tr ? tr : $"ExitCode:{t["exitCode"]}";
        }
        if (pod.IsDeleting()) reason = status.Str("reason") == "NodeLost" ? "Unknown" : "Terminating";
        return reason;
    }
}
