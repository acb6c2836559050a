using System.Text.Json.Nodes;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Tables;
using PodLife.Core.History;
using PodLife.Core.Printing;

namespace PodLife.ApiServer.History;

/// <summary>podtimelines.podlife.dev/v1: read-only, namespaced, named after the pod, stored under /registry/podlife.dev/podtimelines.</summary>
public static class PodTimelineResource
{
    public static ResourceDefinition Definition { get; } =
        new("podlife.dev", "v1", "podtimelines", "podtimeline", PodTimelineJson.Kind, true, ObjectCodec.For<JsonObject>(),
            new ResourceStrategy { Table = Table })
        {
            ShortNames = ["pt"],
            StorageResource = "podlife.dev/podtimelines",
            Verbs = ["get", "list", "watch"],
            Subresources = [PodExplanationSubresource.Name],
        };

    static ResourceTable Table => new(
        [
            ResourceTable.NameColumn,
            new("Stage", "string", "", "The pod's lifecycle stage: Initializing, ReadyToRun, NormalOperation, Terminated or Error."),
            new("Phase", "string", "", "The pod's phase."),
            new("Restarts", "integer", "", "Container restarts, as kubectl get pods counts them."),
            new("Last Reason", "string", "", "The latest reason recorded for a condition, container state or stage."),
            new("In Stage", "string", "", "How long the pod has been in its current stage."),
            ResourceTable.AgeColumn,
        ],
        (o, now) => Cells(PodTimelineJson.FromJson(o), o, now));

    static IEnumerable<object?> Cells(PodTimeline t, JsonObject o, DateTimeOffset now)
    {
        var current = t.Current;
        var lastReason = t.Entries.LastOrDefault(e => e.Kind != TimelineEntryKind.Event && !string.IsNullOrEmpty(e.Reason))?.Reason;
        // A deleted pod's stage lasted until it was deleted, not until now.
        var end = t.PodDeletedAt ?? now;
        return
        [
            o.Name(),
            t.PodDeletedAt is null ? current?.Stage ?? "" : $"{current?.Stage} (deleted)",
            current?.Phase ?? "",
            current?.Restarts ?? 0,
            string.IsNullOrEmpty(lastReason) ? "<none>" : lastReason,
            current is null ? "<unknown>" : HumanDuration.Format(end - current.Since),
            ResourceTable.Age(o, now),
        ];
    }
}
