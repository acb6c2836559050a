using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;

namespace PodLife.Cli.Node;

/// <summary>
/// Where a node's kubelet listens, as kube-apiserver finds it: the Node's InternalIP and
/// status.daemonEndpoints.kubeletEndpoint.Port.
/// </summary>
static class KubeletEndpoint
{
    /// <summary>"https://IP:PORT", or null for an unknown node or one that reports no endpoint.</summary>
    public static async Task<string?> BaseUrlAsync(IKubernetes client, string node, CancellationToken ct)
    {
        k8s.Models.V1Node found;
        try
        {
            found = await client.CoreV1.ReadNodeAsync(node, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var address = found.Status?.Addresses?.FirstOrDefault(a => a.Type == "InternalIP")?.Address;
        var port = found.Status?.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
        if (address is null || port == 0) return null;
        var host = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        return $"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}";
    }
}
