using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace PodLife.Node.Runtime.Simulated;

/// <summary>
/// An in-process container runtime: images from an <see cref="Images.ImageCatalog"/>, containers running simulated
/// processes (a small shell and known programs) on the injected clock, answering probes over <see cref="IPodNetwork"/>.
/// Deterministic given the clock; thousands of containers cost timers, not threads.
/// </summary>
public sealed partial class SimulatedRuntime : IContainerRuntime, IPodNetwork, IDisposable
{
    readonly SimulatedRuntimeOptions _options;
    readonly SimulationScheduler _scheduler;
    readonly PodAddressPool _addresses;
    readonly Dictionary<string, SimulatedSandbox> _sandboxes = [];
    readonly Dictionary<string, SimulatedContainer> _containers = [];
    readonly List<ChannelWriter<ContainerEvent>> _subscribers = [];
    long _nextId;

    /// <summary>Creates a runtime on <paramref name="time"/> (a fake clock in tests, a scaled one for <c>--speed</c>).</summary>
    /// <exception cref="ArgumentException">The options' pod CIDR is not a usable IPv4 CIDR.</exception>
    public SimulatedRuntime(TimeProvider time, SimulatedRuntimeOptions? options = null)
    {
        _options = options ?? new SimulatedRuntimeOptions();
        _addresses = new PodAddressPool(_options.PodCidr);
        _scheduler = new SimulationScheduler(time);
    }

    object Gate => _scheduler.Gate;

    /// <inheritdoc/>
    public Task<string> RunPodSandboxAsync(PodSandboxConfig config, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            var id = NewId("sandbox");
            var ip = _addresses.Allocate()
                ?? throw new ContainerRuntimeException(RuntimeErrorCode.Unknown,
                    $"failed to setup network for sandbox \"{id}\": plugin type=\"bridge\" failed (add): "
                    + $"failed to allocate for range 0: no IP addresses available in range set: {_addresses.Range}");
            _sandboxes[id] = new SimulatedSandbox(id, config, ip, _scheduler.Now);
            return id;
        });

    /// <inheritdoc/>
    public Task StopPodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            var sandbox = Sandbox(podSandboxId);
            sandbox.Containers.ForEach(c => c.Stop(TimeSpan.Zero));
            if (sandbox.State == PodSandboxState.Ready) _addresses.Release(sandbox.Ip);
            sandbox.State = PodSandboxState.NotReady;
            return true;
        });

    /// <inheritdoc/>
    public Task RemovePodSandboxAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () =>
        {
            if (!_sandboxes.TryGetValue(podSandboxId, out var sandbox)) return true;
            foreach (var container in sandbox.Containers.ToList()) RemoveContainer(container);
            if (sandbox.State == PodSandboxState.Ready) _addresses.Release(sandbox.Ip);
            _sandboxes.Remove(podSandboxId);
            return true;
        });

    /// <inheritdoc/>
    public Task<PodSandboxStatus> PodSandboxStatusAsync(string podSandboxId, CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => Sandbox(podSandboxId).Status());

    /// <inheritdoc/>
    public Task<IReadOnlyList<PodSandboxStatus>> ListPodSandboxesAsync(CancellationToken cancellationToken = default) =>
        Locked(cancellationToken, () => (IReadOnlyList<PodSandboxStatus>)[.. _sandboxes.Values.Select(s => s.Status())]);

    /// <inheritdoc/>
    public async IAsyncEnumerable<ContainerEvent> GetContainerEventsAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ContainerEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (Gate) _subscribers.Add(channel.Writer);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
        finally
        {
            lock (Gate) _subscribers.Remove(channel.Writer);
        }
    }

    /// <summary>Stops the simulation clock's timer.</summary>
    public void Dispose() => _scheduler.Dispose();

    void Publish(SimulatedContainer container, ContainerEventType type)
    {
        var item = new ContainerEvent(container.Id, container.Sandbox.Id, type, _scheduler.Now);
        _subscribers.ForEach(s => s.TryWrite(item));
    }

    SimulatedSandbox Sandbox(string id) => _sandboxes.GetValueOrDefault(id)
        ?? throw new ContainerRuntimeException(RuntimeErrorCode.NotFound,
            $"an error occurred when try to find sandbox \"{id}\": not found");

    string NewId(string kind) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_options.IdSeed}/{kind}/{_nextId++}")));

    Task<T> Locked<T>(CancellationToken cancellationToken, Func<T> action)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (Gate)
        {
            try
            {
                return Task.FromResult(action());
            }
            catch (ContainerRuntimeException e)
            {
                return Task.FromException<T>(e);
            }
        }
    }
}
