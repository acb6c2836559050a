using k8s.Models;

namespace PodLife.Controllers.NodeLifecycle;

/// <summary>Node condition names and the look-up the controller needs.</summary>
public static class NodeConditions
{
    public const string Ready = "Ready";
    public const string MemoryPressure = "MemoryPressure";
    public const string DiskPressure = "DiskPressure";
    public const string PIDPressure = "PIDPressure";
    public const string NetworkUnavailable = "NetworkUnavailable";

    public const string True = "True";
    public const string False = "False";
    public const string Unknown = "Unknown";

    public static V1NodeCondition? Find(V1Node node, string type) =>
        node.Status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>The Ready status, or Unknown when the kubelet never posted one.</summary>
    public static string ReadyStatus(V1Node node) => Find(node, Ready)?.Status ?? Unknown;
}
