namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>A script the shell cannot parse; the message is worded like busybox sh's.</summary>
internal sealed class ShellSyntaxException(string message) : Exception(message);
