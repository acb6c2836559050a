using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace PodLife.Node.Events;

/// <summary>
/// Records core/v1 events about pods the way kubelet's recorder does: source {kubelet, node}, name
/// <c>&lt;pod&gt;.&lt;hex UnixNano&gt;</c>, and identical repeats folded into one event by PATCHing count and lastTimestamp.
/// </summary>
public sealed class EventRecorder(IKubernetes client, string nodeName, TimeProvider clock, ILogger? logger = null)
{
    const string Component = "kubelet";
    readonly Dictionary<string, (string Name, int Count)> _seen = [];
    readonly Lock _gate = new();

    /// <summary>Emits an event about <paramref name="pod"/> (and its container at <paramref name="fieldPath"/>, if any).</summary>
    /// <remarks>Event writes never fail the caller: the API being briefly unavailable must not stop a pod.</remarks>
    public async Task RecordAsync(V1Pod pod, string? fieldPath, string type, string reason, string message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var now = clock.GetUtcNow().UtcDateTime;
        var ns = pod.Namespace() ?? "default";
        var key = string.Join('\u0000', pod.Uid(), fieldPath, type, reason, message);
        (string Name, int Count) entry;
        bool repeat;
        lock (_gate)
        {
            repeat = _seen.TryGetValue(key, out entry);
            entry = repeat ? (entry.Name, entry.Count + 1)
                : ($"{pod.Name()}.{(clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000 + _seen.Count).ToString("x", CultureInfo.InvariantCulture)}", 1);
            _seen[key] = entry;
        }
        try
        {
            if (repeat)
            {
                var patch = KubernetesJson.Serialize(new { count = entry.Count, lastTimestamp = now });
                await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), entry.Name, ns,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
            {
                Metadata = new V1ObjectMeta { Name = entry.Name, NamespaceProperty = ns },
                InvolvedObject = new V1ObjectReference
                {
                    Kind = "Pod", ApiVersion = "v1", Name = pod.Name(), NamespaceProperty = ns, Uid = pod.Uid(),
                    ResourceVersion = pod.ResourceVersion(), FieldPath = fieldPath,
                },
                Type = type,
                Reason = reason,
                Message = message,
                Source = new V1EventSource { Component = Component, Host = nodeName },
                ReportingComponent = Component,
                ReportingInstance = nodeName,
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            }, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger?.LogWarning(e, "could not record event {Reason} for pod {Namespace}/{Pod}", reason, ns, pod.Name());
        }
    }

    /// <summary>Forgets the repeat counts of a pod that is gone.</summary>
    public void Forget(string podUid)
    {
        lock (_gate)
        {
            foreach (var key in _seen.Keys.Where(k => k.StartsWith(podUid + '\u0000', StringComparison.Ordinal)).ToList()) _seen.Remove(key);
        }
    }

    /// <summary>The fieldPath of a container: <c>spec.containers{c}</c> or <c>spec.initContainers{c}</c>.</summary>
    public static string FieldPath(string container, bool isInit) =>
        isInit ? $"spec.initContainers{{{container}}}" : $"spec.containers{{{container}}}";
}
