namespace PodLife.Node.Runtime;

/// <summary>Which output stream a log line came from.</summary>
public enum LogStream
{
    /// <summary>Standard output.</summary>
    Stdout,

    /// <summary>Standard error.</summary>
    Stderr,
}
