using System.Threading.Channels;

namespace PodLife.ApiServer.Exec;

/// <summary>
/// The client's streams of one exec session as the node sees them: <see cref="Stdin"/> reads what the client sends
/// (0 bytes once it closed stdin), the others take output; <see cref="Resize"/> gives terminal sizes. Null when not asked for.
/// </summary>
public sealed record PodExecStreams(Stream? Stdin, Stream? Stdout, Stream? Stderr, ChannelReader<(ushort Width, ushort Height)>? Resize);
