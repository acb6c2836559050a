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

    /// <summary>
    /// The statuses checked as <see cref="ByName"/> checks them, without building a dictionary: the status of every pod
    /// sync looks up its few containers, for which a linear <see cref="Find"/> is cheaper than hashing.
    /// </summary>
    public static IReadOnlyList<V1ContainerStatus> Checked(IEnumerable<V1ContainerStatus>? statuses, string field = "containerStatuses") =>
        CheckedList(statuses as IReadOnlyList<V1ContainerStatus> ?? (statuses is null ? [] : [.. statuses]), field);

    static IReadOnlyList<V1ContainerStatus> CheckedList(IReadOnlyList<V1ContainerStatus> statuses, string field)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i] is null) throw new ArgumentException($"{field}[{i}] is null", field);
            if (string.IsNullOrEmpty(statuses[i].Name)) throw new ArgumentException($"{field}[{i}].name is empty", field);
        }
        return statuses;
    }

    /// <summary>The first status named <paramref name="name"/> in <see cref="Checked"/> statuses, as podutil.GetContainerStatus.</summary>
    public static V1ContainerStatus? Find(IReadOnlyList<V1ContainerStatus> statuses, string name)
    {
        for (var i = 0; i < statuses.Count; i++)
        {
            if (string.Equals(statuses[i].Name, name, StringComparison.Ordinal)) return statuses[i];
        }
        return null;
    }

    /// <summary>kubecontainer.HasAnyRegularContainerStarted: a regular container is running or has terminated.</summary>
    public static bool AnyRegularContainerStarted(V1PodSpec spec, IEnumerable<V1ContainerStatus>? statuses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var known = Checked(statuses);
        var containers = Containers(spec);
        for (var i = 0; i < containers.Count; i++)
        {
            if (Find(known, containers[i].Name) is { } s && (s.State?.Running is not null || s.State?.Terminated is not null)) return true;
        }
        return false;
    }

    static IReadOnlyList<V1Container> Checked(IList<V1Container>? containers, string field)
    {
        if (containers is null) return [];
        for (var i = 0; i < containers.Count; i++)
        {
            if (containers[i] is null) throw new ArgumentException($"{field}[{i}] is null", field);
            if (string.IsNullOrEmpty(containers[i].Name)) throw new ArgumentException($"{field}[{i}].name is empty", field);
        }
        // Read-only to the callers either way; a List (as the models hold) needs no wrapper.
        return containers as IReadOnlyList<V1Container> ?? containers.AsReadOnly();
    }
}
