namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>A port a simulated program listens on, and how it answers HTTP there.</summary>
public sealed record ListenSpec
{
    /// <summary>The TCP port.</summary>
    public int Port { get; init; }

    /// <summary>Serve files from this directory over HTTP (<c>/</c> is <c>index.html</c>); null for plain TCP.</summary>
    public string? Docroot { get; init; }

    /// <summary>Fixed HTTP answers by path (status codes); checked before the docroot.</summary>
    public Dictionary<string, int> Routes { get; init; } = [];

    /// <summary>The bodies of routes that answer more than "ok"; <c>{hostname}</c> stands for the pod's hostname.</summary>
    public Dictionary<string, string> Bodies { get; init; } = [];

    /// <summary>
    /// The port serves gRPC with grpc.health.v1.Health, knowing these services (<c>""</c> is the server as a whole);
    /// an empty list is a gRPC server without the health service; null means no gRPC.
    /// </summary>
    public List<string>? GrpcHealth { get; init; }

    /// <summary>When set, every route answers 500, and gRPC health NOT_SERVING, once the program has run this many seconds.</summary>
    public double? FailAfterSeconds { get; init; }

    /// <summary>True when the port speaks HTTP at all.</summary>
    public bool IsHttp => Docroot is not null || Routes.Count > 0;
}
