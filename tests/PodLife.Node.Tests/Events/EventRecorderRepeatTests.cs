using System.Net;
using System.Text;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using PodLife.Node.Events;

namespace PodLife.Node.Tests.Events;

// An event repeated for the same pod, container, type, reason and message patches the first one's count; any other
// field different, another pod, or a pod forgotten, makes a new event.
public sealed class EventRecorderRepeatTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARepeatPatchesTheCountAndAnyDifferenceOrAForgottenPodMakesANewEvent()
    {
        var handler = new Capturing();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "https://api.test:6443" }, handler);
        await using var events = new EventRecorder(client, "node-1", new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.Zero)));
        var a = Pod("a", "uid-a");
        var b = Pod("b", "uid-b");

        await events.RecordAsync(a, "spec.containers{c}", "Normal", "Pulled", "m", Ct);
        await events.RecordAsync(a, "spec.containers{c}", "Normal", "Pulled", "m", Ct);
        await events.RecordAsync(a, null, "Normal", "Pulled", "m", Ct);
        await events.RecordAsync(a, null, "Normal", "Pulled", "m", Ct);
        await events.RecordAsync(a, "spec.containers{c}", "Warning", "Pulled", "m", Ct);
        await events.RecordAsync(a, "spec.containers{c}", "Normal", "Started", "m", Ct);
        await events.RecordAsync(a, "spec.containers{c}", "Normal", "Pulled", "other", Ct);
        await events.RecordAsync(b, "spec.containers{c}", "Normal", "Pulled", "m", Ct);
        events.Forget("uid-a");
        await events.RecordAsync(a, "spec.containers{c}", "Normal", "Pulled", "m", Ct);
        await events.RecordAsync(b, "spec.containers{c}", "Normal", "Pulled", "m", Ct);
        await events.FlushAsync();

        Assert.Equal(["POST", "PATCH", "POST", "PATCH", "POST", "POST", "POST", "POST", "POST", "PATCH"], handler.Methods);
        Assert.Contains("\"count\":2", handler.Bodies[1]);
        Assert.Contains("\"count\":2", handler.Bodies[^1]);
    }

    static V1Pod Pod(string name, string uid) => new() { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "default", Uid = uid } };

    sealed class Capturing : DelegatingHandler
    {
        public List<string> Methods { get; } = [];
        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Methods.Add(request.Method.Method);
            Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }
}
