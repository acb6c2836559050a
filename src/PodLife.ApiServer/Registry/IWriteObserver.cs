using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Registry;

/// <summary>Told of every stored write, in the request that made it, after the store has it (the lifecycle history's hook).</summary>
public interface IWriteObserver
{
    /// <summary><paramref name="old"/> is null on create, <paramref name="current"/> null when the object is gone.</summary>
    Task ObservedAsync(ResourceDefinition def, JsonObject? old, JsonObject? current, CancellationToken ct);
}
