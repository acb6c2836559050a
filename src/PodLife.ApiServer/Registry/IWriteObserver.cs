using System.Text.Json.Nodes;
using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// Takes part in every object write (the lifecycle history's hook): it stores the object's own write together with what
/// it records about it, in one store transaction, so the record is exactly as durable as the write and costs no second commit.
/// </summary>
public interface IWriteObserver
{
    /// <summary>
    /// Stores <paramref name="write"/> (and the observer's own writes with it, all or none) and returns the object's stored result.
    /// <paramref name="old"/> is null on create, <paramref name="current"/> null when the object goes; neither carries the new
    /// resourceVersion. A refusal of <paramref name="write"/> (conflict, exists, not found) is thrown as the store threw it.
    /// </summary>
    Task<KeyValue> WriteAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, StoreWrite write, CancellationToken ct);
}
