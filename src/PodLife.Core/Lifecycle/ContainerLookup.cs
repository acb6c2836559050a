using k8s.Models;

namespace PodLife.Core.Lifecycle;

/// <summary>Finds containers and their statuses by name, turning malformed lists into clear errors.</summary>
internal static class ContainerLookup
{
    public static IReadOnlyList<V1Container> InitContainers(V1PodSpec spec) => Checked(spec.InitContainers, "spec.initContainers");

    public static IReadOnlyList<V1Container> Containers(V1PodSpec spec) => Checked(spec.Containers, "spec.containers");

    /// <summary>Statuses by container name; the first one wins, as in podutil.GetContainerStatus.</summary>
    public static Dictionary<string, V1ContainerStatus> ByName(IEnumerable<V1ContainerStatus>? statuses, string field = "containerStatuses")
    {
        var byName = new Dictionary<string, V1ContainerStatus>(StringComparer.Ordinal);
        var i = 0;
        foreach (var status in statuses ?? [])
        {
            if (status is null) throw new ArgumentException($"{field}[{i}] is null", field);
            if (string.IsNullOrEmpty(status.Name)) throw new ArgumentException($"{field}[{i}].name is empty", field);
            byName.TryAdd(status.Name, status);
            i++;
        }
        return byName;
    }

    /// <summary>kubecontainer.HasAnyRegularContainerStarted: a regular container is running or has terminated.</summary>
    public static bool AnyRegularContainerStarted(V1PodSpec spec, IEnumerable<V1ContainerStatus>? statuses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var byName = ByName(statuses);
        return Containers(spec).Any(c =>
            byName.TryGetValue(c.Name, out var s) && (s.State?.Running is not null || s.State?.Terminated is not null));
    }

    static IReadOnlyList<V1Container> Checked(IList<V1Container>? containers, string field)
    {
        if (containers is null) return [];
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is null) throw new ArgumentException($"{field}[{i}] is null", field);
            if (string.IsNullOrEmpty(containers[i].Name)) throw new ArgumentException($"{field}[{i}].name is empty", field);
        }
        return containers.AsReadOnly();
    }
}
