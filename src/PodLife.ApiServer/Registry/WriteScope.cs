namespace PodLife.ApiServer.Registry;

/// <summary>
/// Which rules an update goes through: the main resource's, the status subresource's, pods/ephemeralcontainers' (only
/// the pod's ephemeral containers change), or none (the server's own writes).
/// </summary>
public enum WriteScope { Object, Status, System, EphemeralContainers }
