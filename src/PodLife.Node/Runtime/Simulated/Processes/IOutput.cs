namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>Where a simulated command's stdout or stderr goes.</summary>
internal interface IOutput
{
    void Write(string text);
}
