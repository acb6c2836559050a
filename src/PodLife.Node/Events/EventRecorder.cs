using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using PodLife.Core.Client;

namespace PodLife.Node.Events;

/// <summary>
/// Records core/v1 events about pods the way kubelet's recorder does: source {kubelet, node}, name
/// <c>&lt;pod&gt;.&lt;hex UnixNano&gt;</c>, and identical repeats folded into one event by PATCHing count and lastTimestamp.
/// As kubelet's event broadcaster, it queues the writes and sends them in order in the background: a pod worker never
/// waits for an event to be stored (three of them are on the way of every pod to Ready).
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    const string Component = "kubelet";
    // kubelet's broadcaster queues at most 1000 events and drops the ones beyond (maxQueuedEvents, DropIfChannelFull).
    const int MaxQueued = 1000;

    readonly IKubernetes _client;
    readonly string _nodeName;
    readonly TimeProvider _clock;
    readonly ILogger? _logger;
    // Keyed by the involved object's uid and a digest of the rest of the event's identity: the entries live as long as
    // their pod, and their fieldPath, reason and message strings were ~0.6 KB per pod (a heap dump at 20,000 pods).
    readonly Dictionary<EventKey, (string Name, int Count)> _seen = [];

    readonly record struct EventKey(string Uid, UInt128 Identity)
    {
        // A SHA-256 prefix of 128 bits does not collide by chance; the length prefixes keep the fields apart.
        public static EventKey Of(string uid, string fieldPath, string type, string reason, string message)
        {
            var bytes = Encoding.UTF8.GetBytes($"{fieldPath.Length}:{fieldPath}{type.Length}:{type}{reason.Length}:{reason}{message}");
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            return new EventKey(uid, BinaryPrimitives.ReadUInt128LittleEndian(hash));
        }
    }
    readonly Lock _gate = new();
    readonly Channel<Func<Task>> _queue = Channel.CreateBounded<Func<Task>>(
        new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    readonly Task _sender;

    public EventRecorder(IKubernetes client, string nodeName, TimeProvider clock, ILogger? logger = null)
    {
        (_client, _nodeName, _clock, _logger) = (client, nodeName, clock, logger);
        _sender = Task.Run(SendAsync);
    }

    /// <summary>Emits an event about <paramref name="pod"/> (and its container at <paramref name="fieldPath"/>, if any).</summary>
    /// <remarks>
    /// Returns once the event is queued; its write never fails the caller: the API being briefly unavailable must not
    /// stop a pod. <see cref="FlushAsync"/> waits for the queued ones.
    /// </remarks>
    public Task RecordAsync(V1Pod pod, string? fieldPath, string type, string reason, string message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var ns = pod.Namespace() ?? "default";
        Record(ns, new V1ObjectReference
        {
            Kind = "Pod", ApiVersion = "v1", Name = pod.Name(), NamespaceProperty = ns, Uid = pod.Uid(),
            ResourceVersion = pod.ResourceVersion(), FieldPath = fieldPath,
        }, type, reason, message);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Emits an event about this node, as kubelet's recordNodeStatusEvent does: in the default namespace, about the Node
    /// with its name as uid (kubelet's nodeRef).
    /// </summary>
    public void RecordNode(string type, string reason, string message) =>
        Record("default", new V1ObjectReference { Kind = "Node", Name = _nodeName, Uid = _nodeName }, type, reason, message);

    void Record(string ns, V1ObjectReference involved, string type, string reason, string message)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var key = EventKey.Of(involved.Uid ?? "", involved.FieldPath ?? "", type, reason, message);
        (string Name, int Count) entry;
        bool repeat;
        lock (_gate)
        {
            repeat = _seen.TryGetValue(key, out entry);
            entry = repeat ? (entry.Name, entry.Count + 1)
                : ($"{involved.Name}.{(_clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000 + _seen.Count).ToString("x", CultureInfo.InvariantCulture)}", 1);
            _seen[key] = entry;
        }
        if (!_queue.Writer.TryWrite(() => WriteAsync(ns, entry, repeat, involved, type, reason, message, now)))
            _logger?.LogWarning("event queue full or closed: dropped event {Reason} for {Kind} {Namespace}/{Name}", reason, involved.Kind, ns, involved.Name);
    }

    /// <summary>Completes once every event queued before the call has been written (or failed).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(() => { done.TrySetResult(); return Task.CompletedTask; })) done.TrySetResult();
        return done.Task;
    }

    async Task SendAsync()
    {
        await foreach (var write in _queue.Reader.ReadAllAsync().ConfigureAwait(false)) await write().ConfigureAwait(false);
    }

    async Task WriteAsync(string ns, (string Name, int Count) entry, bool repeat, V1ObjectReference involved,
        string type, string reason, string message, DateTime now)
    {
        try
        {
            if (repeat)
            {
                // Written out rather than an anonymous object: the native binary has no serializer for one.
                var patch = $"{{\"count\":{entry.Count},\"lastTimestamp\":{KubernetesJson.Serialize(now)}}}";
                await ApiWrites.PatchCoreEventAsync(_client, new V1Patch(patch, V1Patch.PatchType.MergePatch), ns, entry.Name).ConfigureAwait(false);
                return;
            }
            await ApiWrites.CreateCoreEventAsync(_client, new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = entry.Name, NamespaceProperty = ns },
                InvolvedObject = involved,
                Type = type,
                Reason = reason,
                Message = message,
                Source = new V1EventSource { Component = Component, Host = _nodeName },
                ReportingComponent = Component,
                ReportingInstance = _nodeName,
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            }, ns).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger?.LogWarning(e, "could not record event {Reason} for {Kind} {Namespace}/{Name}", reason, involved.Kind, ns, involved.Name);
        }
    }

    /// <summary>Sends what is queued (for at most <paramref name="timeout"/>, default 10 s), then stops.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);

    async Task StopAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _sender.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger?.LogWarning("node {Node} stopped before its queued events were written", _nodeName);
        }
    }

    /// <summary>Forgets the repeat counts of a pod that is gone.</summary>
    public void Forget(string podUid)
    {
        lock (_gate)
        {
            foreach (var key in _seen.Keys.Where(k => k.Uid == podUid).ToList()) _seen.Remove(key);
        }
    }

    /// <summary>The fieldPath of a container: <c>spec.containers{c}</c>, <c>spec.initContainers{c}</c> or <c>spec.ephemeralContainers{c}</c>.</summary>
    public static string FieldPath(string container, bool isInit, bool isEphemeral = false) =>
        isEphemeral ? $"spec.ephemeralContainers{{{container}}}" : isInit ? $"spec.initContainers{{{container}}}" : $"spec.containers{{{container}}}";
}
