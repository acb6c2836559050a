using k8s.Models;
using PodLife.Scheduler.Model;
using PodLife.Core.Scheduling;

namespace PodLife.Scheduler.Cache;

/// <summary>A node and the running totals of the pods bound to it (kube-scheduler's NodeInfo), kept up to date incrementally.</summary>
public sealed class NodeState(string name)
{
    readonly Dictionary<string, SchedulingPod> _pods = [];
    readonly Dictionary<HostPort, int> _ports = [];

    public string Name { get; } = name;

    /// <summary>Null while pods are known to be bound to a node the cache has not seen (or no longer sees).</summary>
    public V1Node? Node { get; private set; }
    /// <summary>spec.unschedulable (cordoned).</summary>
    public bool Unschedulable { get; private set; }
    /// <summary>spec.taints; null when there are none.</summary>
    public IList<V1Taint>? Taints { get; private set; }
    public ResourceAmounts Allocatable { get; private set; }
    public int AllowedPods { get; private set; }
    public ResourceAmounts Requested { get; private set; }
    public ResourceAmounts NonZeroRequested { get; private set; }
    public int PodCount { get; private set; }
    public IReadOnlyCollection<SchedulingPod> Pods => _pods.Values;

    internal void SetNode(V1Node? node)
    {
        Node = node;
        Unschedulable = node?.Spec?.Unschedulable == true;
        Taints = node?.Spec?.Taints is { Count: > 0 } taints ? taints : null;
        var allocatable = node?.Status?.Allocatable;
        Allocatable = ResourceAmounts.From(allocatable);
        AllowedPods = allocatable is null ? 0 : (int)ResourceAmounts.Value(allocatable, "pods");
    }

    /// <summary>A scratch copy with <paramref name="extra"/> pods added (the framework's nodeInfo.Snapshot + AddPodInfo).</summary>
    public NodeState With(IEnumerable<SchedulingPod> extra)
    {
        var copy = new NodeState(Name);
        copy.SetNode(Node);
        foreach (var pod in _pods.Values.Concat(extra))
            copy.AddPod(pod);
        return copy;
    }

    internal void AddPod(SchedulingPod pod)
    {
        RemovePod(pod.Key);
        _pods[pod.Key] = pod;
        PodCount = _pods.Count;
        Requested += pod.Requests;
        NonZeroRequested += pod.NonZeroRequests;
        foreach (var port in pod.HostPorts)
            _ports[port] = _ports.GetValueOrDefault(port) + 1;
    }

    internal bool RemovePod(string key)
    {
        if (!_pods.Remove(key, out var old))
            return false;
        PodCount = _pods.Count;
        Requested -= old.Requests;
        NonZeroRequested -= old.NonZeroRequests;
        foreach (var port in old.HostPorts)
        {
            if (--_ports[port] == 0)
                _ports.Remove(port);
        }
        return true;
    }

    /// <summary>Port conflict as HostPortInfo.CheckConflict: 0.0.0.0 clashes with any address on the same protocol and port.</summary>
    public bool PortInUse(HostPort port)
    {
        if (_ports.Count == 0)
            return false;
        if (port.Ip == HostPort.AnyIp)
            return _ports.Keys.Any(p => p.Protocol == port.Protocol && p.Port == port.Port);
        return _ports.ContainsKey(port) || _ports.ContainsKey(port with { Ip = HostPort.AnyIp });
    }
}
