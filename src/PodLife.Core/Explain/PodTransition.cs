using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>One recorded change of a pod's lifecycle stage, stamped with the time the node observed it.</summary>
public sealed record PodTransition(DateTimeOffset At, LifecycleStage Stage, string Detail);
