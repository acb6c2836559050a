using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

/// <summary>A pod's container instances as the runtime lists them, newest attempt first per container name.</summary>
internal sealed class Instances(IReadOnlyList<ContainerStatus> all)
{
    readonly ILookup<string, ContainerStatus> _byName = all.OrderByDescending(c => c.Config.Attempt).ToLookup(c => c.Config.Name);

    public static Instances Empty { get; } = new([]);

    public ContainerStatus? Latest(string name) => _byName[name].FirstOrDefault();

    public ContainerStatus? Previous(string name) => _byName[name].Skip(1).FirstOrDefault();

    public IEnumerable<ContainerStatus> Running => all.Where(c => c.State == ContainerState.Running);
}
