using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Client;
using PodLife.Node.Events;

namespace PodLife.Node.Agent;

/// <summary>
/// Registers the Node, renews its Lease in kube-node-lease every 10s, and posts node status when it changes and at
/// least every nodeStatusReportFrequency (pkg/kubelet/nodelease, kubelet_node_status.go). With <paramref name="events"/>
/// it records the node's events as kubelet does: Starting when it starts, each condition it reports as it changes
/// (NodeHasSufficientMemory, NodeReady, …), NodeAllocatableEnforced, and NodeNotSchedulable / NodeSchedulable as the
/// node is cordoned and uncordoned (<see cref="SawUnschedulable"/>).
/// </summary>
public sealed class NodeHeartbeat(NodeAgentOptions options, IKubernetes client, NodeClock clock, ILogger logger, EventRecorder? events = null) : IDisposable
{
    const string LeaseNamespace = "kube-node-lease";
    IDisposable? _beating;
    V1NodeStatus? _posted;
    V1Lease? _lease;
    DateTimeOffset _postedAt;
    int _busy;
    int _unschedulable; // kubelet's lastNodeUnschedulable: false (0) until a cordon is seen

    /// <summary>Creates (or adopts) the Node and the Lease, then keeps both fresh on the clock.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var node = NodeObject.Build(options, clock.StampNow.UtcDateTime);
        try
        {
            // The API server may drop status on create (as kube-apiserver can); the status post below sets it.
            await client.CoreV1.CreateNodeAsync(node, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Re-registration after a restart: the object exists; the status post below refreshes it.
        }
        _posted = null;
        events?.RecordNode("Normal", NodeEvents.Starting, NodeEvents.StartingMessage);
        await PostStatusAsync(ct).ConfigureAwait(false);
        events?.RecordNode("Normal", NodeEvents.AllocatableEnforced, NodeEvents.AllocatableEnforcedMessage);
        await RenewLeaseAsync(ct).ConfigureAwait(false);
        _beating = clock.Heartbeats.Every(options.LeaseInterval, TickAsync);
    }

    // ct: the heartbeat's deadline (HeartbeatTicker.DefaultDeadline), so a renewal that hangs does not stop the next.
    async Task TickAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1) return;
        try
        {
            await RenewLeaseAsync(ct).ConfigureAwait(false);
            await PostStatusAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogWarning("heartbeat of node {Node} did not finish before its deadline; the next one follows", options.NodeName);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "heartbeat of node {Node} failed", options.NodeName);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    async Task PostStatusAsync(CancellationToken ct)
    {
        // The report frequency is a delay (simulated time); what the node reports is stamped with real time.
        var now = clock.Now;
        var status = NodeObject.Status(options, clock.StampNow.UtcDateTime, _posted);
        if (_posted is not null && now - _postedAt < options.StatusReportFrequency && SameConditions(_posted, status)) return;
        // Written out rather than an anonymous object: the native binary has no serializer for one.
        var patch = new V1Patch($"{{\"status\":{KubernetesJson.Serialize(status)}}}", V1Patch.PatchType.MergePatch);
        await ApiWrites.PatchNodeStatusAsync(client, patch, options.NodeName, ct).ConfigureAwait(false);
        if (events is not null)
        {
            foreach (var reason in NodeEvents.ConditionChanges(_posted, status)) events.RecordNode("Normal", reason, NodeEvents.StatusMessage(options.NodeName, reason));
        }
        (_posted, _postedAt) = (status, now);
    }

    /// <summary>
    /// kubelet's recordNodeSchedulableEvent: NodeNotSchedulable when the Node's spec.unschedulable becomes true (kubectl
    /// cordon), NodeSchedulable when it becomes false again.
    /// </summary>
    public void SawUnschedulable(bool unschedulable)
    {
        var now = unschedulable ? 1 : 0;
        if (Interlocked.Exchange(ref _unschedulable, now) == now) return;
        var reason = unschedulable ? NodeEvents.NotSchedulable : NodeEvents.Schedulable;
        events?.RecordNode("Normal", reason, NodeEvents.StatusMessage(options.NodeName, reason));
    }

    static bool SameConditions(V1NodeStatus a, V1NodeStatus b) =>
        a.Conditions.Select(c => (c.Type, c.Status, c.Reason)).SequenceEqual(b.Conditions.Select(c => (c.Type, c.Status, c.Reason)));

    // As kubelet's lease controller: renew from the Lease it wrote last (one update, no read), and read it again only
    // when that fails (someone else changed it, or it is gone).
    async Task RenewLeaseAsync(CancellationToken ct)
    {
        var now = clock.StampNow.UtcDateTime;
        if (_lease is { } latest)
        {
            try
            {
                _lease = await ReplaceLeaseAsync(latest, now, ct).ConfigureAwait(false);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound)
            {
                _lease = null;
            }
        }
        try
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.NodeName, LeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
            _lease = await ReplaceLeaseAsync(lease, now, ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            _lease = await client.CoordinationV1.CreateNamespacedLeaseAsync(new V1Lease
            {
                Metadata = new V1ObjectMeta
                {
                    Name = options.NodeName,
                    NamespaceProperty = LeaseNamespace,
                    OwnerReferences = [],
                },
                Spec = new V1LeaseSpec { HolderIdentity = options.NodeName, LeaseDurationSeconds = 40, RenewTime = now },
            }, LeaseNamespace, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    Task<V1Lease> ReplaceLeaseAsync(V1Lease lease, DateTime now, CancellationToken ct)
    {
        lease.Spec.RenewTime = now;
        lease.Spec.HolderIdentity = options.NodeName;
        return client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.NodeName, LeaseNamespace, cancellationToken: ct);
    }

    public void Dispose() => _beating?.Dispose();
}
