using PodLife.Core.Stages;

namespace PodLife.Core.Explain;

/// <summary>One stretch of a pod's history in one stage: when it began and how long it lasted (to now if current).</summary>
public sealed record StageSpan(LifecycleStage Stage, string Detail, DateTimeOffset Start, TimeSpan Duration, bool Current);
