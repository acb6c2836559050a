using System.Text.Json.Nodes;
using k8s.Models;
using PodLife.Core.Admission;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// pods/ephemeralcontainers (podEphemeralContainersStrategy, what `kubectl debug` patches): a write changes the pod's
/// ephemeral containers and nothing else.
/// </summary>
public static class PodEphemeralContainers
{
    /// <summary>dropNonEphemeralContainerUpdates: <paramref name="oldCopy"/>, a copy of the stored pod, with the written pod's ephemeral containers.</summary>
    public static JsonObject PrepareForUpdate(JsonObject written, JsonObject oldCopy)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(oldCopy);
        var spec = oldCopy["spec"] as JsonObject;
        if (spec is null) oldCopy["spec"] = spec = [];
        spec.Remove("ephemeralContainers");
        if (written["spec"] is JsonObject writtenSpec && writtenSpec.Remove("ephemeralContainers", out var ephemeral) && ephemeral is not null)
            spec["ephemeralContainers"] = ephemeral;
        return oldCopy;
    }

    public static ValidationResult Validate(JsonObject pod, JsonObject old) =>
        EphemeralContainerValidation.ValidateUpdate(ObjectCodec.As<V1Pod>(old), ObjectCodec.As<V1Pod>(pod));
}
