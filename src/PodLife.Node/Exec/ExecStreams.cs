using System.Threading.Channels;

namespace PodLife.Node.Exec;

/// <summary>
/// The client's side of one exec session: <see cref="Stdin"/> reads what the user types (0 bytes at its end),
/// <see cref="Stdout"/> and <see cref="Stderr"/> take the command's output (with a TTY everything goes to Stdout),
/// <see cref="Resize"/> gives terminal sizes. A stream the client did not ask for is null.
/// </summary>
public sealed record ExecStreams(Stream? Stdin, Stream? Stdout, Stream? Stderr, ChannelReader<(ushort Width, ushort Height)>? Resize = null);
