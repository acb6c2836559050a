using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

/// <summary>Options that decode part of a model: the fields left out are skipped as unknown fields are.</summary>
public sealed class ModelJsonTests
{
    const string Pod = """
        {"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","namespace":"default","resourceVersion":"42","labels":{"app":"web"}},
         "spec":{"nodeName":"node-1","containers":[{"name":"app","image":"nginx"}]},
         "status":{"phase":"Running","startTime":"2026-12-04T10:00:00Z","conditions":[{"type":"Ready","status":"True","reason":"r","lastTransitionTime":"2026-12-04T10:00:01Z"}]}}
        """;

    [Fact]
    public void KeepingReadsOnlyTheNamedPropertiesOfTheListedTypesAndOtherTypesWhole()
    {
        var options = ModelJson.DecodeKeeping(new Dictionary<Type, string[]>
        {
            [typeof(V1ObjectMeta)] = ["name", "resourceVersion"],
            [typeof(V1PodSpec)] = ["nodeName"],
            [typeof(V1PodCondition)] = ["type", "status"],
        }, shareStrings: false);

        var pod = JsonSerializer.Deserialize<V1Pod>(Pod, options)!;

        Assert.Equal(("web", "42", null), (pod.Metadata.Name, pod.Metadata.ResourceVersion, pod.Metadata.NamespaceProperty));
        Assert.Null(pod.Metadata.Labels);
        Assert.Equal("node-1", pod.Spec.NodeName);
        Assert.Null(pod.Spec.Containers);
        var ready = Assert.Single(pod.Status.Conditions);
        Assert.Equal(("Ready", "True", null, null), (ready.Type, ready.Status, ready.Reason, ready.LastTransitionTime));
        // V1PodStatus is not listed: read whole.
        Assert.Equal(("Running", new DateTime(2026, 12, 4, 10, 0, 0, DateTimeKind.Utc)), (pod.Status.Phase, pod.Status.StartTime));
    }

    [Fact]
    public void SkippingLeavesOutOnlyTheNamedProperties()
    {
        var options = ModelJson.DecodeSkipping(new Dictionary<Type, string[]> { [typeof(V1ObjectMeta)] = ["labels"] }, shareStrings: false);

        var pod = JsonSerializer.Deserialize<V1Pod>(Pod, options)!;

        Assert.Null(pod.Metadata.Labels);
        Assert.Equal(("web", "default"), (pod.Metadata.Name, pod.Metadata.NamespaceProperty));
        Assert.Equal("nginx", pod.Spec.Containers[0].Image);
    }
}
