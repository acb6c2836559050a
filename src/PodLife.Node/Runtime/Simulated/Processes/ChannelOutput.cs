using System.Threading.Channels;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// An exec's stdout or stderr: text goes to a channel that the session copies to the client's stream, so a process
/// writing under the simulation's lock never waits on the network.
/// </summary>
internal sealed class ChannelOutput(ChannelWriter<(bool Stderr, string Text)> channel, bool stderr, bool terminal) : IOutput
{
    public void Write(string text)
    {
        if (text.Length > 0) channel.TryWrite((stderr, terminal ? TerminalLineDiscipline.Output(text) : text));
    }
}
