using PodLife.ApiServer.Exec;
using PodLife.Node.Exec;

namespace PodLife.Cli;

/// <summary>pods/exec and pods/portforward for the nodes that run in this process: the API server asks their agents directly.</summary>
sealed class NodeExecTarget(INodeExec nodes) : IPodExecTarget
{
    public async Task<int?> ExecAsync(string node, PodExecRequest request, PodExecStreams streams, CancellationToken cancellationToken)
    {
        try
        {
            // The agents know which pods they run; a pod on another node is simply not found among them.
            return await nodes.ExecAsync(
                new ContainerExecRequest(request.Namespace, request.Pod, request.Container, request.Command,
                    request.Stdin, request.Stdout, request.Stderr, request.Tty),
                new ExecStreams(streams.Stdin, streams.Stdout, streams.Stderr, streams.Resize),
                cancellationToken);
        }
        catch (NodeExecException e)
        {
            // kube-apiserver reaches the kubelet with an upgrade request; a refusal is reported as a failed upgrade.
            throw new PodExecException(e.BeforeStart ? $"unable to upgrade connection: {e.Message}" : e.Message);
        }
    }

    public Task<System.IO.Pipelines.IDuplexPipe?> PortForwardAsync(string node, string ns, string pod, int port, CancellationToken cancellationToken) =>
        nodes.PortForwardAsync(ns, pod, port, cancellationToken);
}
