namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Discards output (<c>/dev/null</c>).</summary>
internal sealed class NullOutput : IOutput
{
    public static readonly NullOutput Instance = new();

    public void Write(string text)
    {
    }
}
