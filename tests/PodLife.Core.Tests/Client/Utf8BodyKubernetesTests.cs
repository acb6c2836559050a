using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

/// <summary>
/// Requests with a body through <see cref="Utf8BodyKubernetes"/> (UTF-8 bodies) and through KubernetesClient's own
/// client (bodies serialized to strings) must be the same requests: method, URL, headers and body bytes.
/// </summary>
public sealed class Utf8BodyKubernetesTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly V1ObjectReference Involved = new() { Kind = "Pod", Name = "p", NamespaceProperty = "default", ApiVersion = "v1", Uid = "u-1" };

    static readonly Func<IKubernetes, Task>[] Writes =
    [
        c => ApiWrites.PatchPodStatusAsync(c, new V1Patch("""{"status":{"phase":"Running","message":"é ✓ <&>"}}""", V1Patch.PatchType.MergePatch), "default", "p", Ct),
        c => ApiWrites.PatchPodStatusAsync(c, new V1Patch("""{"status":{"conditions":[{"type":"PodScheduled","status":"True"}]}}""", V1Patch.PatchType.StrategicMergePatch), "default", "p", Ct),
        c => ApiWrites.PatchPodStatusAsync(c, Utf8Body.FromUtf8(Encoding.UTF8.GetBytes("""{"status":{"phase":"Failed","message":"\u00e9 \"q\""}}""")), "ns-1", "p-2", Ct),
        c => ApiWrites.DeletePodAsync(c, "default", "p", new V1DeleteOptions { GracePeriodSeconds = 0, Preconditions = new V1Preconditions { Uid = "u-1" } }, ct: Ct),
        c => ApiWrites.DeletePodAsync(c, "default", "p", null, gracePeriodSeconds: 30, ct: Ct),
        c => ApiWrites.PatchNodeStatusAsync(c, new V1Patch("""{"status":{"conditions":[]}}""", V1Patch.PatchType.StrategicMergePatch), "node-1", Ct),
        c => ApiWrites.CreateCoreEventAsync(c, new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "p.1", NamespaceProperty = "default" },
            InvolvedObject = Involved, Reason = "Pulled", Message = "Container image \"nginx\" already present on machine", Type = "Normal",
            Count = 1, FirstTimestamp = new DateTime(2026, 12, 4, 20, 1, 2, DateTimeKind.Utc), LastTimestamp = new DateTime(2026, 12, 4, 20, 1, 2, 345, DateTimeKind.Utc),
            Source = new V1EventSource { Component = "kubelet", Host = "node-1" },
        }, "default", Ct),
        c => ApiWrites.PatchCoreEventAsync(c, new V1Patch("""{"count":2}""", V1Patch.PatchType.MergePatch), "default", "p.1", Ct),
        c => ApiWrites.CreateEventAsync(c, new Eventsv1Event
        {
            Metadata = new V1ObjectMeta { Name = "p.2", NamespaceProperty = "default" },
            Regarding = Involved, Reason = "Scheduled", Note = "Successfully assigned default/p to node-1", Type = "Normal", Action = "Binding",
            ReportingController = "default-scheduler", ReportingInstance = "default-scheduler-podlife",
            EventTime = new DateTime(2026, 12, 4, 20, 1, 2, 123, DateTimeKind.Utc),
        }, "default", Ct),
        c => ApiWrites.PatchEventAsync(c, new V1Patch("""{"series":{"count":2}}""", V1Patch.PatchType.MergePatch), "default", "p.2", Ct),
        c => ApiWrites.PatchPodStatusAsync(c, Utf8Body.Patch(c, new { status = new { conditions = new[] { new { type = "PodScheduled", status = "False", message = "0/3 nodes are available: <none>" } } } },
            V1Patch.PatchType.StrategicMergePatch), "default", "p", Ct),
        c => c.CoreV1.CreateNamespacedPodBindingAsync(new V1Binding
        {
            Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "default", Uid = "u-1" },
            Target = new V1ObjectReference { Kind = "Node", ApiVersion = "v1", Name = "node-1" },
        }, "p", "default", cancellationToken: Ct),
        c => c.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "p", Labels = new Dictionary<string, string> { ["app"] = "é" } },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m") } } }] },
        }, "default", cancellationToken: Ct),
        c => c.CoordinationV1.ReplaceNamespacedLeaseAsync(new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "kube-scheduler", NamespaceProperty = "kube-system", ResourceVersion = "7" },
            Spec = new V1LeaseSpec { HolderIdentity = "podlife", LeaseDurationSeconds = 15, RenewTime = new DateTime(2026, 12, 4, 20, 1, 2, 345, DateTimeKind.Utc) },
        }, "kube-scheduler", "kube-system", cancellationToken: Ct),
        c => c.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.StrategicMergePatch), "node-1", cancellationToken: Ct),
    ];

    public static TheoryData<int> WriteIndexes => [.. Enumerable.Range(0, Writes.Length)];

    [Theory]
    [MemberData(nameof(WriteIndexes))]
    public async Task AWriteIsTheSameRequestAsKubernetesClientsOwn(int index)
    {
        var stock = await CaptureAsync((config, handler) => new Kubernetes(config, handler), Writes[index]);
        var utf8 = await CaptureAsync((config, handler) => new Utf8BodyKubernetes(config, handler), Writes[index]);

        Assert.Equal(stock, utf8);
        Assert.NotEqual(HttpMethod.Get.Method, utf8.Method);
    }

    [Fact]
    public async Task AnErrorIsTheClientsHttpOperationException()
    {
        var handler = new Capturing(HttpStatusCode.Conflict, """{"kind":"Status","code":409}""");
        using var client = new Utf8BodyKubernetes(Config(), handler);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => Writes[0](client));

        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("409", e.Response.Content);
        // The next request of the same thread is unaffected by the one that failed.
        await Assert.ThrowsAsync<HttpOperationException>(() => Writes[4](client));
        Assert.Null(handler.Requests[^1].Body);
    }

    [Fact]
    public void APatchStringThatIsNotJsonIsRefusedAsKubernetesClientRefusesIt()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Utf8Body.FromText("""{"status":"""));
        Assert.Equal("""{"a":[1,"é"]}""", Utf8Body.FromText("""{"a":[1,"é"]}""").ToString());
    }

    static async Task<Request> CaptureAsync(Func<KubernetesClientConfiguration, DelegatingHandler, Kubernetes> create, Func<IKubernetes, Task> write)
    {
        var handler = new Capturing(HttpStatusCode.OK, "{}");
        using var client = create(Config(), handler);
        await write(client);
        return Assert.Single(handler.Requests);
    }

    static KubernetesClientConfiguration Config() => new() { Host = "https://api.test:6443", AccessToken = "token-1" };

    sealed record Request(string Method, string Uri, string Headers, string? Body);

    sealed class Capturing(HttpStatusCode status, string answer) : DelegatingHandler
    {
        public List<Request> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = string.Join("\n", request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .Select(h => h.Key + ": " + string.Join(",", h.Value)).Order(StringComparer.Ordinal));
            var body = request.Content is null ? null : Convert.ToBase64String(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            Requests.Add(new Request(request.Method.Method, request.RequestUri!.ToString(), headers, body));
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }
}
