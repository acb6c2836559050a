using System.Buffers;
using System.IO.Pipelines;

namespace PodLife.ApiServer.Hosting.InProcess;

/// <summary>
/// The client's read side of an in-process response body. Reads end when the server has ended the response and fail
/// with an <see cref="IOException"/> when it aborted it; disposing it before the end aborts the server's request, as a
/// client closing its connection or stream would (this is how a watch or a followed log is stopped).
/// </summary>
sealed class InProcessResponseStream(PipeReader reader, InProcessExchange exchange) : Stream
{
    bool _disposed;

    public override bool CanRead => !_disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var available = result.Buffer;
            if (!available.IsEmpty || buffer.IsEmpty)
            {
                var count = (int)Math.Min(buffer.Length, available.Length);
                available.Slice(0, count).CopyTo(buffer.Span);
                reader.AdvanceTo(available.GetPosition(count));
                return count;
            }
            reader.AdvanceTo(available.Start);
            if (result.IsCompleted) return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await reader.CopyToAsync(destination, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            exchange.BodyClosedByClient();
            reader.Complete();
        }
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
