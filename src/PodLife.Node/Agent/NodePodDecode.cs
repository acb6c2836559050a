using System.Text.Json;
using k8s.Models;
using PodLife.Core.Client;

namespace PodLife.Node.Agent;

/// <summary>
/// How a node decodes the pods it watches: without what a node never reads of the API's copy. It builds container
/// statuses from its own runtime and knows the pod's and its own IPs, and a worker keeps its pod for the pod's life:
/// with 100,000 pods these were some sixty megabytes.
/// </summary>
public static class NodePodDecode
{
    // The JSON names skipped, by model type.
    static readonly Dictionary<Type, string[]> Skipped = new()
    {
        [typeof(V1ObjectMeta)] = ["managedFields"],
        [typeof(V1PodStatus)] = ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses", "podIP", "podIPs", "hostIP", "hostIPs"],
    };

    // Built on first use, after SharedStrings may have joined the client's converters at startup.
    static readonly Lazy<JsonSerializerOptions> LazyOptions = new(() => ModelJson.DecodeSkipping(Skipped));

    public static JsonSerializerOptions Options => LazyOptions.Value;
}
