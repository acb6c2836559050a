using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>A change the pass wants written to a node: new conditions (status) and/or new taints (spec); null means unchanged.</summary>
public sealed record NodeUpdate(string NodeName, IList<V1NodeCondition>? Conditions, IList<V1Taint>? Taints, bool BecameNotReady);
