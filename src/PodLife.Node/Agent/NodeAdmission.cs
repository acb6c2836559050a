using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Client;
using PodLife.Core.Scheduling;
using PodLife.Node.Events;

namespace PodLife.Node.Agent;

/// <summary>
/// kubelet's admission of the pods bound to its node (HandlePodAdditions, canAdmitPod, rejectPod): a new pod the node
/// cannot run (not enough cpu left, a nodeSelector it does not match, an untolerated NoExecute taint, …) is failed at
/// once with a Warning event, and no worker runs it. The node's labels and taints are the ones its Node shows; its
/// allocatable resources are its own.
/// </summary>
internal sealed class NodeAdmission(NodeAgentOptions options, IKubernetes client, EventRecorder events, ILogger logger)
{
    // The node's own labels (until its Node is seen) and allocatable resources, as it registers them.
    readonly NodeView _own = new(NodeObject.Build(options, DateTime.UnixEpoch).Metadata.Labels, null);
    readonly IDictionary<string, ResourceQuantity> _allocatable = NodeObject.Status(options, DateTime.UnixEpoch, previous: null).Allocatable;
    readonly ConcurrentDictionary<string, byte> _rejected = new();
    // Only what admission reads of the Node the API shows: thousands of nodes keep no more than that.
    volatile NodeView? _seen;

    sealed record NodeView(IDictionary<string, string>? Labels, IList<V1Taint>? Taints);

    /// <summary>The Node as the API shows it now (its labels and taints are read from it).</summary>
    public void SawNode(V1Node node) => _seen = new NodeView(node.Metadata?.Labels, node.Spec?.Taints);

    /// <summary>
    /// True when the node refuses <paramref name="pod"/>, now or before: the caller runs no worker for it.
    /// <paramref name="running"/> are the pods the node runs.
    /// </summary>
    public bool Refuses(V1Pod pod, IEnumerable<V1Pod> running)
    {
        var uid = pod.Uid() ?? "";
        if (_rejected.ContainsKey(uid)) return true;
        // Refused before this node (re)started: it stays as the refusal left it, without a worker.
        if (KubeletAdmission.WasRejected(pod))
        {
            _rejected.TryAdd(uid, 0);
            return true;
        }
        // A pod that has started (the node restarted and finds it again), ended or is going is not admitted again.
        if (pod.Status?.StartTime is not null || pod.Status?.Phase is "Succeeded" or "Failed" || pod.Metadata?.DeletionTimestamp is not null) return false;
        if (KubeletAdmission.Check(pod, Node(), running) is not { } rejection) return false;
        if (!_rejected.TryAdd(uid, 0)) return true;
        _ = RejectAsync(pod, rejection);
        return true;
    }

    /// <summary>The pod is gone from the API: nothing to remember about it.</summary>
    public void Forget(string uid) => _rejected.TryRemove(uid, out _);

    V1Node Node()
    {
        var seen = _seen;
        return new V1Node
        {
            Metadata = new V1ObjectMeta { Name = options.NodeName, Labels = (seen ?? _own).Labels },
            Spec = new V1NodeSpec { Taints = seen?.Taints },
            Status = new V1NodeStatus { Allocatable = _allocatable },
        };
    }

    // rejectPod: the event has the reason alone, the status "Pod was rejected: " before it; the status is the phase,
    // reason and message (the QoS class kept), and conditions others own (PodScheduled) stay.
    async Task RejectAsync(V1Pod pod, KubeletAdmission.Rejection rejection)
    {
        await events.RecordAsync(pod, null, "Warning", rejection.Reason, rejection.Message).ConfigureAwait(false);
        var patch = new JsonObject
        {
            ["status"] = new JsonObject { ["phase"] = "Failed", ["reason"] = rejection.Reason, ["message"] = rejection.StatusMessage },
        };
        try
        {
            await ApiWrites.PatchPodStatusAsync(client, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), pod.Namespace() ?? "default", pod.Name())
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            // The pod went meanwhile, or the API is away: a pod the node refused is refused again when it is seen next.
            _rejected.TryRemove(pod.Uid() ?? "", out _);
            logger.LogWarning(e, "writing the rejection of pod {Namespace}/{Name} failed", pod.Namespace(), pod.Name());
        }
    }
}
