using System.Buffers;
using System.Net.WebSockets;

namespace PodLife.Core.Streaming;

/// <summary>
/// The channel.k8s.io WebSocket framing that pods/exec and the CRI streaming server speak
/// (k8s.io/apiserver/pkg/util/wsstream, v4 and v5): every binary message is one channel byte followed by that
/// channel's data; v5 adds a close signal, message [255, channel]. Writes from several streams are serialized; one
/// loop reads. It lives in Core because both the API server and the node agent's CRI client speak it; it only wraps
/// a WebSocket the caller opened.
/// </summary>
public sealed class ChannelWebSocket(WebSocket socket)
{
    public const byte Stdin = 0, Stdout = 1, Stderr = 2, Error = 3, Resize = 4, Close = 255;

    readonly SemaphoreSlim _writing = new(1, 1);
    Task _sendsHeld = Task.CompletedTask;

    /// <summary>Later sends and the close wait until <paramref name="ready"/> completes (however it completes).</summary>
    public void HoldSendsUntil(Task ready) => _sendsHeld = ready;

    /// <summary>Sends <paramref name="data"/> on <paramref name="channel"/> as one message.</summary>
    public async Task SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var message = ArrayPool<byte>.Shared.Rent(data.Length + 1);
        try
        {
            message[0] = channel;
            data.CopyTo(message.AsMemory(1));
            await WaitUntilSendableAsync(ct).ConfigureAwait(false);
            try
            {
                await socket.SendAsync(message.AsMemory(0, data.Length + 1), WebSocketMessageType.Binary, true, ct).ConfigureAwait(false);
            }
            finally
            {
                _writing.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    /// <summary>Reads messages until the peer closes, handing each channel's data to <paramref name="received"/>.</summary>
    public async Task ReceiveAsync(Func<byte, ReadOnlyMemory<byte>, Task> received, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(received);
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return;
            buffer.Advance(result.Count);
            if (!result.EndOfMessage) continue;
            if (buffer.WrittenCount > 0) await received(buffer.WrittenSpan[0], buffer.WrittenMemory[1..]).ConfigureAwait(false);
            buffer.ResetWrittenCount();
        }
    }

    /// <summary>Sends the normal close; the peer answers and the reading loop ends.</summary>
    public async Task CloseAsync(CancellationToken ct)
    {
        await WaitUntilSendableAsync(ct).ConfigureAwait(false);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, ct).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    async Task WaitUntilSendableAsync(CancellationToken ct)
    {
        if (!_sendsHeld.IsCompleted) await _sendsHeld.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        ct.ThrowIfCancellationRequested();
        await _writing.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A write-only stream whose writes go out on <paramref name="channel"/>.</summary>
    public Stream Writer(byte channel) => new ChannelStream(this, channel);

    sealed class ChannelStream(ChannelWebSocket socket, byte channel) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            buffer.IsEmpty ? ValueTask.CompletedTask : new(socket.SendAsync(channel, buffer, cancellationToken));

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
