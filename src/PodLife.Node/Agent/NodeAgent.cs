using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PodLife.Core.Client;
using PodLife.Node.Events;
using PodLife.Node.Exec;
using PodLife.Node.Logs;
using PodLife.Node.Pods;
using PodLife.Node.Runtime;
using PodLife.Node.Volumes;

namespace PodLife.Node.Agent;

/// <summary>
/// The node agent (our kubelet): registers its Node and keeps its Lease, watches the pods bound to it and runs one
/// <see cref="PodWorker"/> per pod. It is an API client only.
/// </summary>
public sealed class NodeAgent : IAsyncDisposable
{
    readonly NodeAgentOptions _options;
    readonly IKubernetes _client;
    readonly IContainerRuntime _runtime;
    readonly ILogger _logger;
    readonly NodeHeartbeat _heartbeat;
    readonly PodWorkerContext _context;
    readonly NodePodFeed _pods;
    readonly ClusterServices _services;
    readonly NodeAdmission _admission;
    readonly ConcurrentDictionary<string, PodWorker> _workers = new();
    readonly CancellationTokenSource _stop = new();
    readonly List<Task> _loops = [];
    readonly ConcurrentBag<Task> _cleanups = [];

    public NodeAgent(NodeAgentOptions options, IKubernetes client, IContainerRuntime runtime, IPodNetwork network,
        TimeProvider clock, ILogger? logger = null, IPodVolumes? volumes = null)
        : this(options, client, runtime, network, new NodeClock(clock), logger, volumes)
    {
    }

    /// <summary>A node agent whose delays run on <paramref name="clock"/>'s simulated time (<c>--speed</c>).</summary>
    public NodeAgent(NodeAgentOptions options, IKubernetes client, IContainerRuntime runtime, IPodNetwork network,
        NodeClock clock, ILogger? logger = null, IPodVolumes? volumes = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        (_options, _client, _runtime, _logger) = (options, client, runtime, logger ?? NullLogger.Instance);
        var events = new EventRecorder(client, options.NodeName, clock.Real, _logger);
        _heartbeat = new NodeHeartbeat(options, client, clock, _logger, events);
        _admission = new NodeAdmission(options, client, events, _logger);
        // The simulated nodes of one process share one feed, which their host runs; an agent on its own has its own.
        _pods = options.PodFeed ?? NodePodFeed.ForNode(options.NodeName, Dispatch);
        _services = options.Services ?? new ClusterServices();
        _context = new PodWorkerContext(client, runtime, network, clock, options.NodeName, options.InternalIp, events, _logger)
        {
            Volumes = volumes,
            OwnWrites = _pods.OwnWrites,
            Services = _services,
        };
        Logs = new NodeLogs(runtime, FindWorker, clock);
        Exec = new NodeExec(runtime, FindWorker);
    }

    public string NodeName => _options.NodeName;

    /// <summary>The versions this node's status writes made, whose events its feed skips.</summary>
    internal OwnStatusWrites OwnWrites => _pods.OwnWrites;

    /// <summary>The services this node knows (its own feed's or its host's shared one).</summary>
    internal ClusterServices Services => _services;

    /// <summary>Container logs of this node's pods, for the API server's pods/log.</summary>
    public INodeLogs Logs { get; }

    /// <summary>Runs commands in this node's containers, for the API server's pods/exec.</summary>
    public INodeExec Exec { get; }

    /// <summary>The pod workers running now.</summary>
    public IReadOnlyCollection<PodWorker> Workers => [.. _workers.Values];

    /// <summary>Registers the node, then starts the lease, the pod watch and the runtime event loop.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _heartbeat.StartAsync(ct).ConfigureAwait(false);
        if (_options.Services is null) _loops.Add(Task.Run(() => _services.RunAsync(_client, _logger, _stop.Token), CancellationToken.None));
        if (_options.PodFeed is { } shared) shared.Register(NodeName, Dispatch);
        else _loops.Add(Task.Run(() => _pods.RunAsync(_client, _logger, _stop.Token), CancellationToken.None));
        if (_options.NodeFeed is { } nodes) nodes.Register(NodeName, SawNode);
        else _loops.Add(Task.Run(() => NodeSpecFeed.ForNode(NodeName, SawNode).RunAsync(_client, _logger, _stop.Token), CancellationToken.None));
        _loops.Add(Task.Run(() => RuntimeEventsAsync(_stop.Token), CancellationToken.None));
    }

    /// <summary>Completes once the events queued so far have been written (events are sent in the background, as kubelet's).</summary>
    public Task EventsWrittenAsync() => _context.Events.FlushAsync();

    /// <summary>True when this node runs the pod (its worker exists).</summary>
    public bool Runs(string ns, string pod) => FindWorker(ns, pod) is not null;

    PodWorker? FindWorker(string ns, string name) =>
        _workers.Values.FirstOrDefault(w => w.Pod.Name() == name && w.Pod.Namespace() == ns);

    void Dispatch(WatchEventType type, V1Pod pod)
    {
        var uid = pod.Uid();
        if (type == WatchEventType.Deleted)
        {
            _admission.Forget(uid);
            if (_workers.TryRemove(uid, out var gone)) Retire(gone);
            return;
        }
        if (!_workers.ContainsKey(uid) && _admission.Refuses(pod, _workers.Values.Select(w => w.Pod))) return;
        var worker = _workers.GetOrAdd(uid, _ =>
        {
            var created = new PodWorker(pod, _context);
            // A method, not a lambda written here: a lambda would share this closure, and so keep the worker's first
            // version of its pod alive as long as the worker (a whole pod per pod, found in a heap dump).
            created.Finished += Forget;
            return created;
        });
        worker.Update(pod);
    }

    void SawNode(V1Node node)
    {
        _admission.SawNode(node);
        _heartbeat.SawUnschedulable(node.Spec?.Unschedulable == true);
    }

    void Forget(PodWorker worker) => _workers.TryRemove(worker.Uid, out PodWorker? _);

    // A pod removed without our final delete (force deletion): stop its containers and forget it.
    void Retire(PodWorker worker)
    {
        worker.Dispose();
        if (worker.IsFinished) return;
        _cleanups.Add(Task.Run(async () =>
        {
            try
            {
                if (worker.SandboxId is { } sandbox) await _runtime.RemovePodSandboxAsync(sandbox, CancellationToken.None).ConfigureAwait(false);
                if (_context.Volumes is { } volumes) await volumes.TearDownAsync(worker.Uid, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ContainerRuntimeException or IOException or InvalidOperationException)
            {
                _logger.LogWarning(e, "cleaning up pod {Pod} failed", worker.Uid);
            }
        }, CancellationToken.None));
    }

    async Task RuntimeEventsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in _runtime.GetContainerEventsAsync(ct).ConfigureAwait(false))
            {
                if (e.Type != ContainerEventType.Stopped) continue;
                _workers.Values.FirstOrDefault(w => w.SandboxId == e.PodSandboxId)?.RequestSync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _options.PodFeed?.Unregister(NodeName);
        _options.NodeFeed?.Unregister(NodeName);
        await _stop.CancelAsync().ConfigureAwait(false);
        _heartbeat.Dispose();
        foreach (var w in _workers.Values) w.Dispose();
        try
        {
            await Task.WhenAll(_loops).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        // A deleted pod's sandbox and volumes are being removed: let that finish rather than leave them on the node.
        try
        {
            await Task.WhenAll(_cleanups).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("node {Node} stopped before its deleted pods were cleaned up", _options.NodeName);
        }
        await _context.Events.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
