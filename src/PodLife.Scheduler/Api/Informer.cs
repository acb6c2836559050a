using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace PodLife.Scheduler.Api;

/// <summary>
/// List-then-watch cache of one resource, like client-go's informer: keeps the latest object per namespace/name, calls the
/// handlers for every change, relists when the watch ends or fails (410 Gone included) and every resync period.
/// </summary>
public sealed class Informer<T>(
    Func<CancellationToken, Task<Listed<T>>> list,
    Func<string, CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> watch,
    TimeProvider time,
    ILogger logger,
    TimeSpan? resyncPeriod = null) where T : IKubernetesObject<V1ObjectMeta>
{
    static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    readonly Dictionary<string, T> _items = [];
    readonly Lock _lock = new();
    readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<(Action<T?, T> Upsert, Action<T> Delete)> _subscribers = [];
    bool _started;

    /// <summary>Called with the previous object (or default for a new one) and the current one.</summary>
    public Action<T?, T>? OnUpsert { get; init; }
    public Action<T>? OnDelete { get; init; }

    /// <summary>
    /// Applied to every listed or watched object before it is cached and handed to the handlers, as client-go's
    /// informer transform: a cache of thousands of objects keeps only what its readers use. It receives objects this
    /// informer alone decoded, so it may change them in place.
    /// </summary>
    public Func<T, T>? Transform { get; init; }

    public Task Synced => _synced.Task;

    /// <summary>
    /// Adds handlers beside <see cref="OnUpsert"/> and <see cref="OnDelete"/>, for a component that shares an informer
    /// another one runs. Only before the informer runs: each handler must hear every object from the first list on.
    /// </summary>
    public void Subscribe(Action<T?, T> onUpsert, Action<T> onDelete)
    {
        lock (_lock)
        {
            if (_started) throw new InvalidOperationException($"the {typeof(T).Name} informer already runs: subscribe before it starts");
            _subscribers.Add((onUpsert, onDelete));
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
            return [.. _items.Values];
    }

    public T? Get(string key)
    {
        lock (_lock)
            return _items.GetValueOrDefault(key);
    }

    public static string KeyOf(T obj) =>
        obj.Metadata.NamespaceProperty is { Length: > 0 } ns ? $"{ns}/{obj.Metadata.Name}" : obj.Metadata.Name;

    public async Task RunAsync(CancellationToken ct)
    {
        lock (_lock) _started = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var listed = await list(ct);
                Replace(listed.Items);
                _synced.TrySetResult();
                using var period = new CancellationTokenSource(resyncPeriod ?? Timeout.InfiniteTimeSpan, time);
                using var resync = CancellationTokenSource.CreateLinkedTokenSource(ct, period.Token);
                await foreach (var (type, obj) in watch(listed.ResourceVersion, resync.Token).WithCancellation(resync.Token))
                    Apply(type, obj);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // The resync period ended the watch: relist.
            }
            catch (ClusterApiException e) when (e.IsGone)
            {
                // The watch fell behind compaction: relist at once, as client-go's reflector does; nothing failed.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Resource} list/watch failed; relisting", typeof(T).Name);
                await Task.Delay(RetryDelay, time, ct);
            }
        }
    }

    void Replace(IReadOnlyList<T> listed)
    {
        var items = Transform is { } transform ? listed.Select(transform).ToList() : listed;
        var fresh = items.ToDictionary(KeyOf);
        List<T> deleted;
        var upserted = new List<(T? Old, T New)>(items.Count);
        // The cache moves to the listed state in one step, as client-go's store Replace: a snapshot taken meanwhile
        // sees the old objects or the new ones, never a cache half emptied; the handlers then hear the differences.
        lock (_lock)
        {
            deleted = [.. _items.Where(e => !fresh.ContainsKey(e.Key)).Select(e => e.Value)];
            foreach (var (key, item) in fresh)
                upserted.Add((_items.GetValueOrDefault(key), item));
            _items.Clear();
            foreach (var (key, item) in fresh)
                _items[key] = item;
        }
        foreach (var gone in deleted)
            Deleted(gone);
        foreach (var (old, item) in upserted)
            Upserted(old, item);
    }

    void Apply(WatchEventType type, T watched) => Store(type, Transform is { } transform ? transform(watched) : watched);

    void Store(WatchEventType type, T obj)
    {
        var key = KeyOf(obj);
        T? old;
        lock (_lock)
        {
            _items.TryGetValue(key, out old);
            if (type == WatchEventType.Deleted)
                _items.Remove(key);
            else if (type is WatchEventType.Added or WatchEventType.Modified)
                _items[key] = obj;
            else
                return;
        }
        if (type == WatchEventType.Deleted)
            Deleted(obj);
        else
            Upserted(old, obj);
    }

    // The subscribers list is fixed once the informer runs, so it is read without the lock.
    void Upserted(T? old, T obj)
    {
        OnUpsert?.Invoke(old, obj);
        foreach (var (upsert, _) in _subscribers) upsert(old, obj);
    }

    void Deleted(T obj)
    {
        OnDelete?.Invoke(obj);
        foreach (var (_, delete) in _subscribers) delete(obj);
    }
}
