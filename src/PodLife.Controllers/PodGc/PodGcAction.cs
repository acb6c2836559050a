using k8s.Models;

namespace PodLife.Controllers.PodGc;

/// <summary>One pod the garbage collector force-deletes; orphans first get phase Failed and a DisruptionTarget condition.</summary>
public sealed record PodGcAction(V1Pod Pod, V1PodCondition? DisruptionTarget);
