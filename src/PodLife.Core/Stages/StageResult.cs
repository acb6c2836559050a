namespace PodLife.Core.Stages;

/// <summary>A pod's lifecycle stage and a one-line reason written for a human.</summary>
public sealed record StageResult(LifecycleStage Stage, string Reason);
