namespace PodLife.Node.Runtime;

/// <summary>What a failed port-forward says, as containerd's streaming server words it (kubectl prints it).</summary>
public static class PortForwardMessages
{
    /// <summary>
    /// The streaming server's wrapper (k8s.io/kubelet/pkg/cri/streaming/portforward: the pod is the sandbox and the
    /// uid is empty) around containerd's attempt to dial the port inside the pod's network namespace.
    /// </summary>
    public static string ConnectionRefused(string sandboxId, int port) =>
        $"error forwarding port {port} to pod {sandboxId}, uid : failed to execute portforward in network namespace " +
        $"\"/var/run/netns/cni-{NetnsId(sandboxId)}\": failed to connect to localhost:{port} inside namespace \"{sandboxId}\", " +
        $"IPv4: dial tcp4 127.0.0.1:{port}: connect: connection refused IPv6 dial tcp6 [::1]:{port}: connect: connection refused ";

    // The CNI network namespace's name is a random UUID; a simulated sandbox's is derived from its id so it stays put.
    static string NetnsId(string sandboxId)
    {
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sandboxId)));
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
