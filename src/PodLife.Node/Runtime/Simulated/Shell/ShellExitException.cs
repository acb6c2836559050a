namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>Unwinds one shell (not the whole process) when it runs <c>exit</c>.</summary>
internal sealed class ShellExitException(int code) : Exception($"exit {code}")
{
    public int Code { get; } = code;
}
