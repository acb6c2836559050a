namespace PodLife.Node.Runtime;

/// <summary>The gRPC status codes CRI runtimes answer with, named as gRPC prints them.</summary>
public enum RuntimeErrorCode
{
    /// <summary>Anything else; containerd uses it for most failures.</summary>
    Unknown = 2,

    /// <summary>The request is malformed.</summary>
    InvalidArgument = 3,

    /// <summary>A deadline (such as an exec timeout) passed.</summary>
    DeadlineExceeded = 4,

    /// <summary>The image, container or sandbox does not exist.</summary>
    NotFound = 5,

    /// <summary>The object exists already.</summary>
    AlreadyExists = 6,

    /// <summary>The object is in the wrong state for the request.</summary>
    FailedPrecondition = 9,

    /// <summary>The runtime cannot be reached (its socket is gone or refuses connections).</summary>
    Unavailable = 14,
}
