using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PodLife.ApiServer.Registry;
using PodLife.ApiServer.Registry.Kinds;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary>The stored model the events.k8s.io validator reads is what decoding the converted copy gives, field for field.</summary>
public sealed class EventsV1ViewTests
{
    [Theory]
    [InlineData("""{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.1","namespace":"default","uid":"u","creationTimestamp":"2026-12-04T10:00:01Z","labels":{"a":"b"}},"eventTime":"2026-12-04T10:00:01.123456Z","reason":"Scheduled","note":"Successfully assigned default/web to node-1","type":"Normal","action":"Binding","reportingController":"default-scheduler","reportingInstance":"default-scheduler-x","regarding":{"kind":"Pod","namespace":"default","name":"web","uid":"u1","apiVersion":"v1","resourceVersion":"12"},"related":{"kind":"Node","name":"node-1"}}""")]
    [InlineData("""{"metadata":{"name":"web.2"},"eventTime":"2026-12-04T10:00:02.5Z","reason":"BackOff","note":"Back-off","type":"Warning","regarding":{"kind":"Pod","name":"web"},"series":{"count":4,"lastObservedTime":"2026-12-04T10:00:09.250000Z"},"deprecatedCount":4,"deprecatedFirstTimestamp":"2026-12-04T10:00:03Z","deprecatedLastTimestamp":"2026-12-04T10:00:08Z","deprecatedSource":{"component":"kubelet","host":"node-1"}}""")]
    // Core/v1 names in the view: kept where no events.k8s.io name replaces them, dropped where one does.
    [InlineData("""{"metadata":{"name":"web.3"},"reason":"Started","message":"kept","note":"replaces","count":7,"deprecatedCount":null,"lastTimestamp":"2026-12-04T10:00:05Z","involvedObject":{"kind":"Node","name":"n"},"regarding":{"kind":"Pod","name":"web"},"reportingComponent":"old","reportingController":"new","source":{"host":"h"}}""")]
    [InlineData("""{"metadata":{"name":"web.3b"},"regarding":{"kind":"Pod","name":"web"},"involvedObject":{"kind":"Node","name":"n"},"note":"events","message":"core","deprecatedCount":2,"count":9,"reportingController":"new","reportingComponent":"old"}""")]
    [InlineData("""{"metadata":{"name":"web.4"},"reason":"Started","message":"only the core name","reportingComponent":"kubelet","involvedObject":{"kind":"Pod","name":"web"}}""")]
    [InlineData("""{"apiVersion":"v9","kind":"Other","metadata":{"name":"web.5"},"reportingInstance":"i","eventTime":null,"regarding":null,"note":null,"unknown":{"x":[1,2]}}""")]
    [InlineData("""{}""")]
    public void TheStoredModelIsTheDecodedStoredForm(string view)
    {
        var expected = ObjectCodec.As<Corev1Event>(EventsV1View.Instance.ToStored(JsonNode.Parse(view)!.AsObject()));
        var actual = EventsV1View.Instance.StoredModel(JsonNode.Parse(view)!.AsObject());
        Assert.Equal(KubernetesJson.Serialize(expected), KubernetesJson.Serialize(actual));
        Assert.Equal(("v1", "Event"), (actual.ApiVersion, actual.Kind));
    }
}
