using System.IO.Pipelines;

namespace PodLife.ApiServer.Hosting.InProcess;

/// <summary>
/// The response body as the request pipeline sees it: the pipe to the client, where the first flush or write first
/// starts the response (status and headers go to the client), as on a connection.
/// </summary>
sealed class ResponseBodyWriter(InProcessExchange exchange, PipeWriter pipe) : PipeWriter
{
    public override void Advance(int bytes) => pipe.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => pipe.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => pipe.GetSpan(sizeHint);

    public override bool CanGetUnflushedBytes => pipe.CanGetUnflushedBytes;

    public override long UnflushedBytes => pipe.UnflushedBytes;

    public override void CancelPendingFlush() => pipe.CancelPendingFlush();

    // The request pipeline does not end the body itself; the exchange does once the pipeline has returned.
    public override void Complete(Exception? exception = null) { }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        exchange.HasStarted ? pipe.FlushAsync(cancellationToken) : StartThenFlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
        exchange.HasStarted ? pipe.WriteAsync(source, cancellationToken) : StartThenWriteAsync(source, cancellationToken);

    async ValueTask<FlushResult> StartThenFlushAsync(CancellationToken cancellationToken)
    {
        await exchange.StartAsync(cancellationToken);
        return await pipe.FlushAsync(cancellationToken);
    }

    async ValueTask<FlushResult> StartThenWriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken)
    {
        await exchange.StartAsync(cancellationToken);
        return await pipe.WriteAsync(source, cancellationToken);
    }
}
