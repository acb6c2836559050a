namespace PodLife.ApiServer.Registry;

/// <summary>Which rules an update goes through: the main resource's, the status subresource's, or none (the server's own writes).</summary>
public enum WriteScope { Object, Status, System }
