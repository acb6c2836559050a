using PodLife.Scheduler.Cache;
using PodLife.Scheduler.Model;

namespace PodLife.Scheduler.Framework;

/// <summary>A Score extension point plugin: a 0..100 preference for a feasible node, weighted as in kube-scheduler's default profile.</summary>
public interface IScorePlugin
{
    string Name { get; }

    int Weight { get; }

    long Score(SchedulingPod pod, NodeState node);

    /// <summary>Rescales the raw scores of all feasible nodes to 0..100 (NormalizeScore); the default leaves them.</summary>
    void Normalize(Span<long> scores) { }
}
