using k8s.Models;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Cache;

/// <summary>
/// The scheduler's incremental view of nodes and of the pods bound to them, fed by watch events, so a scheduling
/// cycle never lists pods. Pods assumed bound (binding in flight) count at once, as in kube-scheduler's cache.
/// Not thread-safe: the scheduler owns it from one loop.
/// </summary>
public sealed class ClusterCache
{
    readonly Dictionary<string, NodeState> _states = [];
    readonly List<NodeState> _nodes = [];
    readonly Dictionary<string, int> _nodeIndex = [];
    readonly Dictionary<string, string> _podNode = [];
    readonly Dictionary<string, Dictionary<string, SchedulingPod>> _nominatedByNode = [];
    readonly Dictionary<string, string> _nominatedNode = [];

    /// <summary>Nodes that exist, in a stable order (scheduling walks them round-robin).</summary>
    public IReadOnlyList<NodeState> Nodes => _nodes;

    public NodeState? GetNode(string name) => _nodeIndex.TryGetValue(name, out var i) ? _nodes[i] : null;

    public string? NodeOfPod(string podKey) => _podNode.GetValueOrDefault(podKey);

    public void SetNode(V1Node node)
    {
        var name = node.Metadata?.Name ?? throw new ArgumentException("node has no name", nameof(node));
        var state = StateFor(name);
        state.SetNode(node);
        if (_nodeIndex.TryAdd(name, _nodes.Count))
            _nodes.Add(state);
    }

    public void RemoveNode(string name)
    {
        if (!_nodeIndex.Remove(name, out var i))
            return;
        // Swap-remove keeps removal O(1); the order changes, which round-robin does not mind.
        var last = _nodes[^1];
        _nodes[i] = last;
        _nodes.RemoveAt(_nodes.Count - 1);
        if (last.Name != name)
            _nodeIndex[last.Name] = i;
        var state = _states[name];
        state.SetNode(null);
        if (state.PodCount == 0)
            _states.Remove(name);
    }

    /// <summary>Applies an added or modified pod: bound, non-terminal pods count on their node; anything else is removed.</summary>
    public void SetPod(V1Pod pod)
    {
        var key = SchedulingPod.KeyOf(pod);
        var node = pod.Spec?.NodeName;
        var phase = pod.Status?.Phase;
        if (string.IsNullOrEmpty(node) || phase is "Succeeded" or "Failed")
        {
            RemovePod(key);
            return;
        }
        AddToNode(SchedulingPod.From(pod), node);
    }

    /// <summary>Counts a pod on a node before the API confirms the binding, so the next cycle sees the space taken.</summary>
    public void Assume(SchedulingPod pod, string nodeName) => AddToNode(pod, nodeName);

    public void RemovePod(string key)
    {
        if (!_podNode.Remove(key, out var nodeName) || !_states.TryGetValue(nodeName, out var state))
            return;
        state.RemovePod(key);
        if (state.PodCount == 0 && state.Node is null)
            _states.Remove(nodeName);
    }

    void AddToNode(SchedulingPod pod, string nodeName)
    {
        if (_podNode.TryGetValue(pod.Key, out var previous) && previous != nodeName)
            RemovePod(pod.Key);
        StateFor(nodeName).AddPod(pod);
        _podNode[pod.Key] = nodeName;
    }

    NodeState StateFor(string name)
    {
        if (!_states.TryGetValue(name, out var state))
            _states[name] = state = new NodeState(name);
        return state;
    }

    /// <summary>
    /// Records that <paramref name="pod"/>, still unbound, waits for room on <paramref name="nodeName"/> after preemption
    /// (status.nominatedNodeName), replacing any earlier nomination of it (kube-scheduler's nominator).
    /// </summary>
    public void Nominate(SchedulingPod pod, string nodeName)
    {
        ClearNomination(pod.Key);
        if (!_nominatedByNode.TryGetValue(nodeName, out var pods))
            _nominatedByNode[nodeName] = pods = [];
        pods[pod.Key] = pod;
        _nominatedNode[pod.Key] = nodeName;
    }

    public void ClearNomination(string podKey)
    {
        if (!_nominatedNode.Remove(podKey, out var nodeName))
            return;
        var pods = _nominatedByNode[nodeName];
        pods.Remove(podKey);
        if (pods.Count == 0)
            _nominatedByNode.Remove(nodeName);
    }

    /// <summary>The pods nominated to a node and not bound yet.</summary>
    public IReadOnlyCollection<SchedulingPod> NominatedPods(string nodeName) =>
        // Asked for every node of every cycle, and almost always there are none: no lookup by name then.
        _nominatedByNode.Count > 0 && _nominatedByNode.TryGetValue(nodeName, out var pods) ? pods.Values : [];
}
