using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Framework;

/// <summary>A Filter extension point plugin: may the pod run on this node?</summary>
public interface IFilterPlugin
{
    string Name { get; }

    FilterResult Filter(SchedulingPod pod, NodeState node);
}
