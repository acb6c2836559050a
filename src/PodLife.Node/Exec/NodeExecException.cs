namespace PodLife.Node.Exec;

/// <summary>
/// An exec the node cannot run, worded as kubelet words it. <see cref="BeforeStart"/>: refused before any stream was
/// opened (kubelet answers the upgrade with an error, which kube-apiserver reports as "unable to upgrade connection: …").
/// </summary>
public sealed class NodeExecException(string message, bool beforeStart) : Exception(message)
{
    public bool BeforeStart { get; } = beforeStart;
}
