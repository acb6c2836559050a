using PodLife.Node.Runtime;

namespace PodLife.Node.Pods;

/// <summary>A pod's container instances as the runtime lists them, newest attempt first per container name.</summary>
internal sealed class Instances
{
    // Newest attempt first, listing order kept among equal attempts (a stable sort, as OrderByDescending). A pod has a
    // few instances and this is built several times per sync: an array and linear lookups, no lookup table.
    readonly ContainerStatus[] _newestFirst;
    readonly IReadOnlyList<ContainerStatus> _all;

    public Instances(IReadOnlyList<ContainerStatus> all)
    {
        _all = all;
        _newestFirst = new ContainerStatus[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            var c = all[i];
            var j = i;
            for (; j > 0 && _newestFirst[j - 1].Config.Attempt < c.Config.Attempt; j--) _newestFirst[j] = _newestFirst[j - 1];
            _newestFirst[j] = c;
        }
    }

    public static Instances Empty { get; } = new([]);

    public ContainerStatus? Latest(string name) => Nth(name, 0);

    public ContainerStatus? Previous(string name) => Nth(name, 1);

    public IEnumerable<ContainerStatus> Running => _all.Where(c => c.State == ContainerState.Running);

    ContainerStatus? Nth(string name, int n)
    {
        foreach (var c in _newestFirst)
        {
            if (c.Config.Name == name && n-- == 0) return c;
        }
        return null;
    }
}
