using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using PodLife.Scheduler.Api;

namespace PodLife.Scheduler.Tests.Fakes;

/// <summary>
/// An in-memory stand-in for the API server with the behaviour the shells rely on: resource versions, watches from a
/// version, 409 on binding a bound pod and on a stale lease write, pods/status patches merging conditions by type.
/// </summary>
public sealed class FakeClusterApi : IClusterApi
{
    readonly Lock _lock = new();
    readonly Dictionary<string, object> _objects = [];
    readonly List<(string Kind, object Obj, WatchEventType Type, long Rv)> _log = [];
    readonly List<Channel<bool>> _watchers = [];
    long _rv;

    public List<Eventsv1Event> Events { get; } = [];
    public List<Corev1Event> CoreEvents { get; } = [];
    public int BindCalls;
    public List<(string Pod, string Node)> Bindings { get; } = [];

    public void Put<T>(T obj) where T : IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var key = Key(obj);
            var type = _objects.ContainsKey(key) ? WatchEventType.Modified : WatchEventType.Added;
            obj.Metadata.ResourceVersion = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _objects[key] = Clone(obj);
            _log.Add((obj.Kind ?? typeof(T).Name, Clone(obj), type, _rv));
        }
        Notify();
    }

    public void Remove<T>(string ns, string name) where T : IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var key = $"{typeof(T).Name}/{ns}/{name}";
            if (!_objects.Remove(key, out var obj))
                return;
            _log.Add((typeof(T).Name, obj, WatchEventType.Deleted, ++_rv));
        }
        Notify();
    }

    public T? Get<T>(string ns, string name) where T : class
    {
        lock (_lock)
            return _objects.TryGetValue($"{typeof(T).Name}/{ns}/{name}", out var o) ? Clone((T)o) : null;
    }

    public List<T> All<T>()
    {
        lock (_lock)
            return [.. _objects.Values.OfType<T>().Select(Clone)];
    }

    public Task<Listed<V1Node>> ListNodesAsync(CancellationToken ct) => Task.FromResult(List<V1Node>(null));
    public IAsyncEnumerable<(WatchEventType Type, V1Node Node)> WatchNodesAsync(string rv, CancellationToken ct) => Watch<V1Node>(rv, null, ct);
    /// <summary>How many times pods were listed (each informer lists once when it starts).</summary>
    public int PodLists => Volatile.Read(ref _podLists);
    int _podLists;

    public Task<Listed<V1Pod>> ListPodsAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _podLists);
        return Task.FromResult(List<V1Pod>(null));
    }

    public IAsyncEnumerable<(WatchEventType Type, V1Pod Pod)> WatchPodsAsync(string rv, CancellationToken ct) => Watch<V1Pod>(rv, null, ct);
    public Task<Listed<V1Lease>> ListLeasesAsync(string ns, CancellationToken ct) => Task.FromResult(List<V1Lease>(ns));
    public IAsyncEnumerable<(WatchEventType Type, V1Lease Lease)> WatchLeasesAsync(string ns, string rv, CancellationToken ct) => Watch<V1Lease>(rv, ns, ct);

    public Task BindAsync(V1Pod pod, string nodeName, CancellationToken ct)
    {
        lock (_lock)
        {
            BindCalls++;
            var current = Get<V1Pod>(pod.Metadata.NamespaceProperty, pod.Metadata.Name) ?? throw new ClusterApiException(404, "not found");
            if (!string.IsNullOrEmpty(current.Spec.NodeName))
                throw new ClusterApiException(409, $"pod {pod.Metadata.Name} is already assigned to node \"{current.Spec.NodeName}\"");
            current.Spec.NodeName = nodeName;
            MergeConditions(current, [new V1PodCondition { Type = "PodScheduled", Status = "True" }]);
            Bindings.Add(($"{pod.Metadata.NamespaceProperty}/{pod.Metadata.Name}", nodeName));
            Put(current);
        }
        return Task.CompletedTask;
    }

    public Task PatchPodStatusAsync(string ns, string name, object patch, CancellationToken ct)
    {
        lock (_lock)
        {
            var pod = Get<V1Pod>(ns, name) ?? throw new ClusterApiException(404, "not found");
            var p = (V1Pod)patch;
            MergeConditions(pod, p.Status?.Conditions ?? []);
            if (p.Status?.Phase is { } phase)
                pod.Status.Phase = phase;
            if (p.Status?.NominatedNodeName is { } nominated)
                pod.Status.NominatedNodeName = nominated;
            Put(pod);
        }
        return Task.CompletedTask;
    }

    public Task DeletePodAsync(string ns, string name, long? gracePeriodSeconds, CancellationToken ct)
    {
        lock (_lock)
        {
            var pod = Get<V1Pod>(ns, name) ?? throw new ClusterApiException(404, "not found");
            if (gracePeriodSeconds == 0 || string.IsNullOrEmpty(pod.Spec.NodeName))
            {
                Remove<V1Pod>(ns, name);
                return Task.CompletedTask;
            }
            pod.Metadata.DeletionTimestamp ??= DateTime.UtcNow;
            Put(pod);
        }
        return Task.CompletedTask;
    }

    public Task PatchNodeStatusAsync(string name, object patch, CancellationToken ct)
    {
        lock (_lock)
        {
            var node = Get<V1Node>("", name) ?? throw new ClusterApiException(404, "not found");
            foreach (var c in ((V1Node)patch).Status.Conditions)
            {
                node.Status.Conditions = [.. node.Status.Conditions.Where(x => x.Type != c.Type), c];
            }
            Put(node);
        }
        return Task.CompletedTask;
    }

    public Task PatchNodeAsync(string name, object patch, CancellationToken ct)
    {
        lock (_lock)
        {
            var node = Get<V1Node>("", name) ?? throw new ClusterApiException(404, "not found");
            node.Spec.Taints = ((V1Node)patch).Spec.Taints;
            Put(node);
        }
        return Task.CompletedTask;
    }

    public Task CreateEventAsync(Eventsv1Event ev, CancellationToken ct)
    {
        lock (_lock)
            Events.Add(ev);
        return Task.CompletedTask;
    }

    /// <summary>Event patches as (namespace, name, patch JSON); a patch of an event never created is 404.</summary>
    public List<(string Ns, string Name, string Patch)> EventPatches { get; } = [];

    public Task PatchEventAsync(string ns, string name, object patch, CancellationToken ct)
    {
        lock (_lock)
        {
            if (!Events.Any(e => e.Metadata.NamespaceProperty == ns && e.Metadata.Name == name))
                throw new ClusterApiException(404, $"events.events.k8s.io \"{name}\" not found");
            EventPatches.Add((ns, name, KubernetesJson.Serialize(patch)));
        }
        return Task.CompletedTask;
    }

    public Task CreateCoreEventAsync(Corev1Event ev, CancellationToken ct)
    {
        lock (_lock)
            CoreEvents.Add(ev);
        return Task.CompletedTask;
    }

    public Task<V1Lease?> GetLeaseAsync(string ns, string name, CancellationToken ct) => Task.FromResult(Get<V1Lease>(ns, name));

    public Task<V1Lease> CreateLeaseAsync(V1Lease lease, CancellationToken ct)
    {
        lock (_lock)
        {
            if (Get<V1Lease>(lease.Metadata.NamespaceProperty, lease.Metadata.Name) is not null)
                throw new ClusterApiException(409, "already exists");
            Put(lease);
            return Task.FromResult(Clone(lease));
        }
    }

    public Task<V1Lease> ReplaceLeaseAsync(V1Lease lease, CancellationToken ct)
    {
        lock (_lock)
        {
            var current = Get<V1Lease>(lease.Metadata.NamespaceProperty, lease.Metadata.Name) ?? throw new ClusterApiException(404, "not found");
            if (current.Metadata.ResourceVersion != lease.Metadata.ResourceVersion)
                throw new ClusterApiException(409, "the object has been modified");
            Put(lease);
            return Task.FromResult(Clone(lease));
        }
    }

    static void MergeConditions(V1Pod pod, IEnumerable<V1PodCondition> conditions)
    {
        pod.Status ??= new V1PodStatus();
        foreach (var c in conditions)
            pod.Status.Conditions = [.. (pod.Status.Conditions ?? []).Where(x => x.Type != c.Type), c];
    }

    Listed<T> List<T>(string? ns) where T : IKubernetesObject<V1ObjectMeta>
    {
        lock (_lock)
        {
            var items = _objects.Values.OfType<T>().Where(o => ns is null || o.Metadata.NamespaceProperty == ns).Select(Clone).ToList();
            return new Listed<T>(items, _rv.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    async IAsyncEnumerable<(WatchEventType, T)> Watch<T>(string rv, string? ns, [EnumeratorCancellation] CancellationToken ct) where T : IKubernetesObject<V1ObjectMeta>
    {
        var from = long.Parse(rv, System.Globalization.CultureInfo.InvariantCulture);
        var signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_lock)
            _watchers.Add(signal);
        try
        {
            while (true)
            {
                List<(WatchEventType, T)> batch;
                lock (_lock)
                {
                    batch = [.. _log.Where(e => e.Rv > from && e.Obj is T t && (ns is null || t.Metadata.NamespaceProperty == ns))
                        .Select(e => (e.Type, Clone((T)e.Obj)))];
                    from = _rv;
                }
                foreach (var e in batch)
                    yield return e;
                await signal.Reader.ReadAsync(ct);
            }
        }
        finally
        {
            lock (_lock)
                _watchers.Remove(signal);
        }
    }

    void Notify()
    {
        lock (_lock)
        {
            foreach (var w in _watchers)
                w.Writer.TryWrite(true);
        }
    }

    static string Key<T>(T obj) where T : IKubernetesObject<V1ObjectMeta> => $"{typeof(T).Name}/{obj.Metadata.NamespaceProperty ?? ""}/{obj.Metadata.Name}";

    static T Clone<T>(T obj) => KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
}
