using System.Text.Json.Nodes;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// Takes part in every object write (the lifecycle history's hook): it stores the object's write and records what the
/// write tells it, which it may keep in memory a while; reads of what it records ask it to store that first.
/// </summary>
public interface IWriteObserver
{
    /// <summary>
    /// Stores <paramref name="write"/> and returns the object's stored result; what the observer records of it is recorded
    /// only if the store took the write. <paramref name="old"/> is null on create, <paramref name="current"/> null when the
    /// object goes; neither carries the new resourceVersion. A refusal of <paramref name="write"/> (conflict, exists, not
    /// found) is thrown as the store threw it.
    /// </summary>
    Task<KeyValue> WriteAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, StoreWrite write, CancellationToken ct);

    /// <summary>
    /// Stores what the observer still holds in memory about the objects of <paramref name="def"/> in <paramref name="ns"/>
    /// (of the one named <paramref name="name"/>, when given), before they are read from the store.
    /// </summary>
    Task SettleAsync(ResourceDefinition def, string ns, string? name, CancellationToken ct);
}
