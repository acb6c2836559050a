namespace PodLife.Node.Runtime;

/// <summary>What a gRPC health check (<c>grpc.health.v1.Health/Check</c>) to a pod got back.</summary>
/// <param name="Status">The serving status the server answered (<c>SERVING</c>, <c>NOT_SERVING</c>), null when it answered none.</param>
/// <param name="Error">Why there is no status.</param>
public sealed record GrpcHealthResult(string? Status, GrpcHealthError Error = GrpcHealthError.None)
{
    /// <summary>No gRPC connection came up before the timeout (nothing listens, or the port does not speak gRPC).</summary>
    public static GrpcHealthResult ConnectTimeout { get; } = new(null, GrpcHealthError.ConnectTimeout);

    /// <summary>The status of a healthy service.</summary>
    public const string Serving = "SERVING";

    /// <summary>The status of a service that is up but not serving.</summary>
    public const string NotServing = "NOT_SERVING";

    /// <summary>A serving status.</summary>
    public static GrpcHealthResult Answered(string status) => new(status);
}

/// <summary>The ways a gRPC health check fails without a serving status.</summary>
public enum GrpcHealthError
{
    /// <summary>The server answered a status.</summary>
    None,

    /// <summary>No connection within the timeout (grpc-go dials with WithBlock, so a refused port times out too).</summary>
    ConnectTimeout,

    /// <summary>The server does not implement grpc.health.v1.Health (code Unimplemented).</summary>
    Unimplemented,

    /// <summary>The server does not know the service asked for (code NotFound).</summary>
    UnknownService,
}
