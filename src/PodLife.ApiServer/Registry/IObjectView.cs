using System.Text.Json.Nodes;

namespace PodLife.ApiServer.Registry;

/// <summary>A second API version of a stored kind (events.k8s.io/v1 over core/v1 events).</summary>
public interface IObjectView
{
    JsonObject FromStored(JsonObject stored);
    JsonObject ToStored(JsonObject view);
}
