using System.Net;

namespace PodLife.ApiServer.Hosting.InProcess;

/// <summary>The body of an in-process response: read as the stream itself, or copied once (buffered reads).</summary>
sealed class InProcessResponseContent(InProcessResponseStream body) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        body.CopyToAsync(stream, cancellationToken);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(body);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) body.Dispose();
        base.Dispose(disposing);
    }
}
