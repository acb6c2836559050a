namespace PodLife.Node.Runtime.Simulated.Images;

/// <summary>One repository of the image catalog: which tags exist, how big and slow they are, and what they run.</summary>
public sealed record CatalogImage
{
    /// <summary>The normalised repository, e.g. <c>docker.io/library/nginx</c> or <c>registry.k8s.io/pause</c>.</summary>
    public string Repository { get; init; } = "";

    /// <summary>A regular expression every existing tag matches in full, e.g. <c>latest|1\.2[5-9](\.\d+)?(-alpine)?</c>.</summary>
    public string Tags { get; init; } = "latest";

    /// <summary>The image size in bytes (reported by image status and the Pulled event).</summary>
    public long SizeBytes { get; init; }

    /// <summary>Seconds a pull takes on the simulated clock.</summary>
    public double PullSeconds { get; init; }

    /// <summary>The image's ENTRYPOINT.</summary>
    public List<string> Entrypoint { get; init; } = [];

    /// <summary>The image's CMD.</summary>
    public List<string> Cmd { get; init; } = [];

    /// <summary>The image's environment (ENV).</summary>
    public Dictionary<string, string> Env { get; init; } = [];

    /// <summary>The image's WORKDIR.</summary>
    public string WorkingDir { get; init; } = "/";

    /// <summary><c>busybox</c> or <c>gnu</c>: whose error messages its tools print; tags containing "alpine" are busybox.</summary>
    public string Userland { get; init; } = "gnu";

    /// <summary>Programs a busybox-userland image has beyond busybox's applets (curlimages/curl's curl).</summary>
    public List<string> Binaries { get; init; } = [];

    /// <summary>Text files the image contains, by absolute path.</summary>
    public Dictionary<string, string> Files { get; init; } = [];

    /// <summary>True when <paramref name="tag"/> is one of this repository's tags.</summary>
    public bool HasTag(string tag) => Patterns.IsMatch("^(?:" + Tags + ")$", tag);
}
