using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;

namespace PodLife.ApiServer.History;

/// <summary>
/// The shape of podtimelines.podlife.dev/v1 for the OpenAPI documents (kubectl explain, client-side validation), as
/// model classes like KubernetesClient's so the one schema generator describes it. The wire form itself is written by
/// the core's PodTimelineJson; these classes are never instantiated.
/// </summary>
static class PodTimelineSchema
{
    [KubernetesEntity(Group = "podlife.dev", Kind = "PodTimeline", ApiVersion = "v1", PluralName = "podtimelines")]
    [Description("PodTimeline is the recorded lifecycle history of one pod: every phase, condition, container state, lifecycle " +
        "stage and event, with when it happened. It is named after the pod, read-only, and kept for a while after the pod is deleted.")]
    internal sealed class PodTimeline
    {
        [JsonPropertyName("apiVersion"), Description(ApiVersionText)] public string? ApiVersion { get; set; }
        [JsonPropertyName("kind"), Description(KindText)] public string? Kind { get; set; }
        [JsonPropertyName("metadata"), Description("Standard object's metadata: the name and namespace are the pod's.")] public V1ObjectMeta? Metadata { get; set; }
        [JsonPropertyName("podUID"), Description("The UID of the pod this history belongs to.")] public string? PodUid { get; set; }
        [JsonPropertyName("podDeletedAt"), Description("When the pod was deleted; null while it exists.")] public DateTime? PodDeletedAt { get; set; }
        [JsonPropertyName("current"), Description("Where the pod is now.")] public TimelineCurrent? Current { get; set; }
        [JsonPropertyName("droppedEntries"), Description("How many of the oldest entries were dropped to keep the history within its size limit.")] public int? DroppedEntries { get; set; }
        [JsonPropertyName("entries"), Description("The recorded changes, oldest first.")] public IList<TimelineEntry>? Entries { get; set; }
    }

    [KubernetesEntity(Group = "podlife.dev", Kind = "PodTimelineList", ApiVersion = "v1", PluralName = "podtimelines")]
    [Description("PodTimelineList is a list of PodTimelines.")]
    internal sealed class PodTimelineList
    {
        [JsonPropertyName("apiVersion"), Description(ApiVersionText)] public string? ApiVersion { get; set; }
        [JsonPropertyName("kind"), Description(KindText)] public string? Kind { get; set; }
        [JsonPropertyName("metadata"), Description("Standard list metadata.")] public V1ListMeta? Metadata { get; set; }
        [JsonPropertyName("items"), Description("The pod timelines.")] public IList<PodTimeline>? Items { get; set; }
    }

    [Description("TimelineCurrent is where a pod is now: its lifecycle stage and since when, its phase, status reason and restarts.")]
    internal sealed class TimelineCurrent
    {
        [JsonPropertyName("stage"), Description("The lifecycle stage: Initializing, ReadyToRun, NormalOperation, Terminated or Error.")] public string? Stage { get; set; }
        [JsonPropertyName("phase"), Description("The pod's phase.")] public string? Phase { get; set; }
        [JsonPropertyName("reason"), Description("kubectl's STATUS column when it says more than the phase (such as CrashLoopBackOff), else empty.")] public string? Reason { get; set; }
        [JsonPropertyName("since"), Description("When the pod entered its current stage.")] public DateTime? Since { get; set; }
        [JsonPropertyName("restarts"), Description("Container restarts, as kubectl get pods counts them.")] public int? Restarts { get; set; }
    }

    [Description("TimelineEntry is one recorded change in a pod's life.")]
    internal sealed class TimelineEntry
    {
        [JsonPropertyName("time"), Description("When the change happened: the node's status timestamp when it has one, else when the server saw the write.")] public DateTime? Time { get; set; }
        [JsonPropertyName("kind"), Description("What changed: Phase, Condition, Container, InitContainer, EphemeralContainer, Stage or Event.")] public string? Kind { get; set; }
        [JsonPropertyName("name"), Description("The condition type, the container name or the event reason; empty for Phase and Stage.")] public string? Name { get; set; }
        [JsonPropertyName("from"), Description("The value before the change, if there was one.")] public string? From { get; set; }
        [JsonPropertyName("to"), Description("The new phase, condition status, container state or stage; for an Event its type (Normal or Warning).")] public string? To { get; set; }
        [JsonPropertyName("reason"), Description("The reason given with the change.")] public string? Reason { get; set; }
        [JsonPropertyName("message"), Description("The message given with the change.")] public string? Message { get; set; }
        [JsonPropertyName("exitCode"), Description("A terminated container's exit code.")] public int? ExitCode { get; set; }
        [JsonPropertyName("signal"), Description("The signal that terminated a container, if any.")] public int? Signal { get; set; }
        [JsonPropertyName("restartCount"), Description("A container's restart count after the change.")] public int? RestartCount { get; set; }
        [JsonPropertyName("ready"), Description("Whether a container was ready after the change.")] public bool? Ready { get; set; }
        [JsonPropertyName("count"), Description("How many times an event was seen (a repeated event counts up instead of adding entries).")] public int? Count { get; set; }
        [JsonPropertyName("lastTime"), Description("When a repeated event was last seen.")] public DateTime? LastTime { get; set; }
    }

    /// <summary>Fields written with microsecond precision (metav1.MicroTime) rather than whole seconds.</summary>
    public static readonly IReadOnlyList<(Type Owner, string Field)> MicroTimes =
    [
        (typeof(PodTimeline), "podDeletedAt"), (typeof(TimelineCurrent), "since"), (typeof(TimelineEntry), "time"), (typeof(TimelineEntry), "lastTime"),
    ];

    /// <summary>The resource as the OpenAPI documents serve it.</summary>
    public static Type Kind => typeof(PodTimeline);

    public static Type List => typeof(PodTimelineList);

    const string ApiVersionText = "APIVersion defines the versioned schema of this representation of an object.";
    const string KindText = "Kind is a string value representing the REST resource this object represents.";
}
