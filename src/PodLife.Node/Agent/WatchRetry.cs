namespace PodLife.Node.Agent;

/// <summary>
/// How long a node waits before listing again after its pod watch failed: doubling from 1 s up to 30 s, as client-go's
/// reflector backs off, so thousands of nodes do not hammer (and log against) an API server that is away.
/// </summary>
public static class WatchRetry
{
    public static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    public static TimeSpan Next(TimeSpan current) => current * 2 < Max ? current * 2 : Max;
}
