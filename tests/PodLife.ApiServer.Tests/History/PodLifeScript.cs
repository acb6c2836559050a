using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using PodLife.Testing;

namespace PodLife.ApiServer.Tests.History;

/// <summary>Drives one pod through its life over the API as the scheduler and a node agent would, on a fake clock.</summary>
sealed class PodLifeScript(ApiServerFixture api, string name = "web")
{
    readonly IKubernetes client = api.Client;
    readonly FakeTimeProvider clock = api.Clock;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<V1Pod> CreateAsync() => client.CoreV1.CreateNamespacedPodAsync(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx" }] },
    }, "default", cancellationToken: Ct);

    public async Task BindAsync(TimeSpan after)
    {
        clock.Advance(after);
        // pods/NAME/binding, as the scheduler binds (the client's CreateNamespacedBinding posts to /bindings).
        var answer = await Raw.PostAsync(api.Http, $"/api/v1/namespaces/default/pods/{name}/binding",
            $$$"""{"apiVersion":"v1","kind":"Binding","metadata":{"name":"{{{name}}}"},"target":{"kind":"Node","name":"node-1"}}""");
        Assert.Equal(201, answer.Code);
    }

    /// <summary>The node's status write: the conditions move at this moment, the container as given.</summary>
    public async Task<V1Pod> StatusAsync(TimeSpan after, string phase, bool ready, V1ContainerStatus container)
    {
        clock.Advance(after);
        var pod = await client.CoreV1.ReadNamespacedPodAsync(name, "default", cancellationToken: Ct);
        var now = Now;
        var conditions = pod.Status.Conditions.Where(c => c.Type == "PodScheduled").ToList();
        var readyStatus = ready ? "True" : "False";
        var previous = pod.Status.Conditions.FirstOrDefault(c => c.Type == "Ready");
        var moved = previous?.Status == readyStatus ? previous.LastTransitionTime : now;
        conditions.Add(new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = now });
        conditions.Add(new V1PodCondition { Type = "Ready", Status = readyStatus, LastTransitionTime = moved, Reason = ready ? null : "ContainersNotReady" });
        pod.Status = pod.Status with { Phase = phase, Conditions = conditions, ContainerStatuses = [container] };
        return await client.CoreV1.ReplaceNamespacedPodStatusAsync(pod, name, "default", cancellationToken: Ct);
    }

    public ContainerStatusBuilder App => new ContainerStatusBuilder("app");

    public Task EventAsync(string reason, string type, string message, int count = 1, string? eventName = null) =>
        eventName is not null && count > 1
            ? client.CoreV1.PatchNamespacedEventAsync(new V1Patch($$"""{"count":{{count}},"lastTimestamp":"{{Now:yyyy-MM-ddTHH:mm:ssZ}}"}""", V1Patch.PatchType.MergePatch), eventName, "default", cancellationToken: Ct)
            : client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = eventName ?? $"{name}.{reason.ToLowerInvariant()}" },
                InvolvedObject = new V1ObjectReference { Kind = "Pod", Name = name, NamespaceProperty = "default" },
                Reason = reason, Type = type, Message = message, Count = count,
                FirstTimestamp = Now, LastTimestamp = Now, Source = new V1EventSource { Component = "kubelet" },
            }, "default", cancellationToken: Ct);
}
