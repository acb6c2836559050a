using PodLife.Testing;

namespace PodLife.ApiServer.Tests.Registry;

/// <summary>
/// A write to a kind served through a view (events.k8s.io/v1 Events over stored core/v1 Events) answers the object
/// byte for byte as a read of what was stored shows it, though the answer is no longer parsed back from the stored bytes.
/// </summary>
public sealed class ViewWriteAnswerTests : RawApiTests
{
    const string Events = "/apis/events.k8s.io/v1/namespaces/default/events";

    // As the scheduler writes them, and with what a client may add: escapes, non-ASCII text, numbers, a field of the core/v1 name.
    [Theory]
    [InlineData("""{"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.1","namespace":"default"},"eventTime":"2026-12-04T10:00:01.123456Z","reason":"Scheduled","note":"Successfully assigned default/web to node-1","type":"Normal","action":"Binding","reportingController":"default-scheduler","reportingInstance":"default-scheduler-x","regarding":{"kind":"Pod","namespace":"default","name":"web","uid":"u1","apiVersion":"v1","resourceVersion":"12"}}""")]
    [InlineData("""{"metadata":{"name":"web.2","labels":{"a":"b"},"annotations":{"n":"\u00e9t\u00e9 \"quoted\" <tag> &amp;"}},"eventTime":"2026-12-04T10:00:02.5+02:00","reason":"BackOff","note":"Back-off \u2013 restarting\n\tcontainer","type":"Warning","action":"Pulling","reportingController":"kubelet","reportingInstance":"node-1","regarding":{"kind":"Pod","name":"web"},"series":{"count":4,"lastObservedTime":"2026-12-04T10:00:09.250000Z"},"deprecatedCount":4,"deprecatedFirstTimestamp":"2026-12-04T10:00:03.9Z","deprecatedLastTimestamp":"2026-12-04T10:00:08Z","deprecatedSource":{"component":"kubelet"}}""")]
    [InlineData("""{"metadata":{"name":"web.3"},"eventTime":"2026-12-04T10:00:03.000001Z","reason":"Killing","type":"Normal","action":"Killing","reportingController":"kubelet","reportingInstance":"node-1","regarding":{"kind":"Pod","name":"web"},"reportingComponent":"x"}""")]
    public async Task CreatesPatchesAndUpdatesAnswerAsTheStoredObjectReads(string body)
    {
        var created = await Raw.PostAsync(Http, Events, body);
        Assert.Equal(201, created.Code);
        var name = created.Json["metadata"]!["name"]!.GetValue<string>();
        Assert.Equal((await Raw.GetAsync(Http, $"{Events}/{name}")).Body, created.Body);

        var patched = await Raw.SendAsync(Http, HttpMethod.Patch, $"{Events}/{name}", """{"note":"changed","series":{"count":5,"lastObservedTime":"2026-12-04T10:00:10.5Z"}}""", "application/merge-patch+json");
        Assert.Equal(200, patched.Code);
        Assert.Contains("\"note\":\"changed\"", patched.Body, StringComparison.Ordinal);
        Assert.Equal((await Raw.GetAsync(Http, $"{Events}/{name}")).Body, patched.Body);

        var replaced = await Raw.PutAsync(Http, $"{Events}/{name}", patched.Body.Replace("changed", "replaced", StringComparison.Ordinal));
        Assert.Equal(200, replaced.Code);
        Assert.Contains("\"note\":\"replaced\"", replaced.Body, StringComparison.Ordinal);
        Assert.Equal((await Raw.GetAsync(Http, $"{Events}/{name}")).Body, replaced.Body);
    }
}
