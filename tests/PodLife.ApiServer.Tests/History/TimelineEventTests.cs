using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.ApiServer.History;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Registry.Kinds;
using PodLife.Core.History;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>
/// The partial events the recorder reads give what whole decodes of the stored core/v1 form give: the same fields, the
/// same timelines (bytes), from core/v1 and from events.k8s.io/v1 objects.
/// </summary>
public sealed class TimelineEventTests
{
    static readonly DateTimeOffset T0 = new(TestTimes.T0);
    const string Uid = "7f1c9a2e-0d4b-4c6e-9a51-3b2f8e6d1c07";

    // events.k8s.io/v1 objects as the scheduler and the kubelet write them, and odd shapes a client may send.
    static readonly string[] EventsV1 =
    [
        """{"metadata":{"name":"web.1","namespace":"default"},"eventTime":"2026-12-04T10:00:01.123456Z","reason":"Scheduled","note":"Successfully assigned default/web to node-1","type":"Normal","action":"Binding","reportingController":"default-scheduler","reportingInstance":"default-scheduler-x","regarding":{"kind":"Pod","namespace":"default","name":"web","uid":"UID","apiVersion":"v1","resourceVersion":"12"}}""",
        """{"metadata":{"name":"web.2","namespace":"default"},"eventTime":"2026-12-04T10:00:02.000001Z","reason":"Pulled","note":"Container image \"nginx\" already present on machine","type":"Normal","action":"Pulled","reportingController":"kubelet","reportingInstance":"node-1","regarding":{"kind":"Pod","namespace":"default","name":"web","uid":"UID","fieldPath":"spec.containers{app}"},"deprecatedSource":{"component":"kubelet","host":"node-1"}}""",
        """{"metadata":{"name":"web.3","namespace":"default"},"eventTime":"2026-12-04T10:00:03.5Z","reason":"BackOff","note":"Back-off restarting failed container app","type":"Warning","regarding":{"kind":"Pod","name":"web","uid":"UID"},"series":{"count":4,"lastObservedTime":"2026-12-04T10:00:09.250000Z"},"deprecatedCount":4,"deprecatedFirstTimestamp":"2026-12-04T10:00:03Z","deprecatedLastTimestamp":"2026-12-04T10:00:08Z"}""",
        """{"metadata":{"name":"web.4","namespace":"other"},"reason":"Killing","type":"Normal","regarding":{"kind":"Pod","name":"web"},"deprecatedCount":null,"deprecatedFirstTimestamp":"2026-12-04T10:00:04Z","eventTime":null}""",
        // A core/v1 name in an events.k8s.io/v1 object: the conversion keeps it where no events.k8s.io name replaces it.
        """{"metadata":{"name":"web.5","namespace":"default"},"reason":"Started","message":"kept","note":"replaces","count":7,"lastTimestamp":"2026-12-04T10:00:05Z","regarding":{"kind":"Pod","name":"web","uid":"UID"},"involvedObject":{"kind":"Node","name":"n"}}""",
        """{"metadata":{"name":"web.6","namespace":"default"},"reason":"Started","message":"only the core name","count":2,"involvedObject":{"kind":"Pod","name":"web"}}""",
        """{"metadata":{"name":"node.1","namespace":"default"},"reason":"NodeReady","type":"Normal","regarding":{"kind":"Node","name":"node-1"},"eventTime":"2026-12-04T10:00:06.000000Z"}""",
        """{"metadata":{"name":"none","namespace":"default"},"reason":"Orphan","regarding":null,"note":"","series":{"count":2}}""",
    ];

    static readonly string[] CoreV1 =
    [
        """{"metadata":{"name":"web.1","namespace":"default"},"involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"UID"},"reason":"Created","message":"Created container app","source":{"component":"kubelet","host":"node-1"},"firstTimestamp":"2026-12-04T10:00:01Z","lastTimestamp":"2026-12-04T10:00:01Z","count":1,"type":"Normal","eventTime":null,"reportingComponent":"","reportingInstance":""}""",
        """{"metadata":{"name":"web.2","namespace":"default"},"involvedObject":{"kind":"Pod","name":"web","uid":"UID"},"reason":"BackOff","message":"Back-off","count":3,"type":"Warning","series":{"count":3,"lastObservedTime":"2026-12-04T10:00:07.000100Z"},"eventTime":"2026-12-04T10:00:02.000000Z"}""",
        """{"metadata":{"name":"web.3","namespace":"default"},"involvedObject":{"kind":"Pod","name":"web"},"reason":"Killing","regarding":{"kind":"Node","name":"ignored"},"note":"ignored"}""",
        """{"metadata":{"name":"web.4","namespace":"default"},"involvedObject":{"kind":"Pod","name":"web","uid":"another"},"reason":"Pulled","lastTimestamp":"2026-12-04T10:00:04+02:00"}""",
    ];

    static JsonObject Parse(string json) => JsonNode.Parse(json.Replace("UID", Uid, StringComparison.Ordinal))!.AsObject();

    static Corev1Event Whole(JsonObject ev, bool eventsV1) => ObjectCodec.As<Corev1Event>(eventsV1 ? EventsV1View.Instance.ToStored(ev) : ev);

    // Every field the recorder and EventRecording read.
    static object? Read(Corev1Event e) => (
        (e.InvolvedObject?.Kind, e.InvolvedObject?.Name, e.InvolvedObject?.NamespaceProperty, e.InvolvedObject?.Uid),
        (e.Reason, e.Type, e.Message, e.Count),
        (e.LastTimestamp, e.FirstTimestamp, e.EventTime, e.Series?.LastObservedTime));

    public static TheoryData<string, bool> Events()
    {
        var data = new TheoryData<string, bool>();
        foreach (var json in EventsV1) data.Add(json, true);
        foreach (var json in CoreV1) data.Add(json, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void ThePartialEventHoldsWhatTheWholeStoredEventHoldsInTheFieldsTheRuleReads(string json, bool eventsV1)
    {
        var whole = Whole(Parse(json), eventsV1);
        var partial = TimelineEvent.Of(Parse(json), eventsV1);
        Assert.Equal(Read(whole), Read(partial));
        Assert.Equal(whole.Count, TimelineEvent.CountOf(Parse(json), eventsV1).Count);
    }

    [Fact]
    public void EveryPairOfWritesRecordsTheSameTimelineBytesAsTheWholeEvents()
    {
        foreach (var (set, eventsV1) in new[] { (EventsV1, true), (CoreV1, false) })
        {
            var start = new PodTimeline("default", "web", Uid);
            PodTimeline whole = start, partial = start;
            foreach (var previous in set.Prepend(null))
            {
                foreach (var json in set)
                {
                    var now = T0.AddSeconds(30);
                    var before = previous is null ? null : Whole(Parse(previous), eventsV1);
                    whole = EventRecording.EventWritten(whole, before, Whole(Parse(json), eventsV1), now);
                    partial = EventRecording.EventWritten(partial, previous is null ? null : TimelineEvent.CountOf(Parse(previous), eventsV1),
                        TimelineEvent.Of(Parse(json), eventsV1), now);
                    Assert.Equal(Encoded(whole), Encoded(partial));
                }
            }
            Assert.True(whole.Entries.Count >= 3, "the events make entries");
            Assert.Contains(whole.Entries, e => e.Count > 1);
        }
    }

    [Fact]
    public void ThePartialEventDropsWhatNoRuleReads()
    {
        var whole = Whole(Parse(EventsV1[1]), eventsV1: true);
        var ev = TimelineEvent.Of(Parse(EventsV1[1]), eventsV1: true);
        Assert.Equal(("Pod", "web"), (ev.InvolvedObject.Kind, ev.InvolvedObject.Name));
        Assert.Equal(("Pulled", "kubelet", "node-1", "default"), (whole.Action, whole.Source.Component, whole.ReportingInstance, whole.Metadata.NamespaceProperty));
        Assert.Equal((null, null, null, null, null), (ev.Action, ev.Source, ev.ReportingComponent, ev.ReportingInstance, ev.Metadata));
        Assert.Equal((null, null), (TimelineEvent.CountOf(Parse(EventsV1[1]), eventsV1: true).InvolvedObject, TimelineEvent.CountOf(Parse(EventsV1[1]), eventsV1: true).Reason));
    }

    static byte[] Encoded(PodTimeline t) => PodTimelineJson.ToUtf8(t, PodLife.ApiServer.Http.HttpJson.WriterOptions);
}
