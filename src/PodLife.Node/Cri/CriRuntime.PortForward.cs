using System.IO.Pipelines;
using System.Text;
using PodLife.Core.Streaming;
using PodLife.Core.Streaming.Spdy;
using PodLife.Node.Cri.Spdy;
using PodLife.Node.Runtime;
using V1 = PodLife.Node.Cri.V1;

namespace PodLife.Node.Cri;

// kubectl port-forward to real pods, as kubelet does it: CRI PortForward gives a URL on containerd's streaming server,
// reached over SPDY/3.1 with the portforward.k8s.io protocol: per connection an error stream and a data stream, both
// naming the port and one request id; the data stream carries the bytes both ways, the error stream containerd's
// failure (nothing listening there, for one).
public sealed partial class CriRuntime
{
    /// <inheritdoc/>
    public async Task<IDuplexPipe> PortForwardAsync(string podSandboxId, int port, CancellationToken cancellationToken = default)
    {
        var request = new V1.PortForwardRequest { PodSandboxId = podSandboxId, Port = { port } };
        var url = (await CriCalls.RunAsync(async () => await _runtime.PortForwardAsync(request, cancellationToken: cancellationToken)).ConfigureAwait(false)).Url;
        SpdyClientSession session;
        try
        {
            session = await SpdyClientSession.ConnectAsync(new Uri(url), ["portforward.k8s.io"], cancellationToken).ConfigureAwait(false);
        }
        catch (SpdyException e)
        {
            throw new ContainerRuntimeException(RuntimeErrorCode.Unknown, e.Message);
        }
        KeyValuePair<string, string>[] Headers(string type) =>
            [new("streamtype", type), new("port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("requestid", "0")];
        var error = await session.OpenStreamAsync(Headers("error"), cancellationToken).ConfigureAwait(false);
        var data = await session.OpenStreamAsync(Headers("data"), cancellationToken).ConfigureAwait(false);
        return PipeConnection.Open((toPod, fromPod) => RelayAsync(session, error, data, toPod, fromPod));
    }

    // The pod's bytes (and containerd's failure, which ends the connection as a dial error would) to the caller; the
    // caller's bytes to the pod, then the half-close.
    static async Task RelayAsync(SpdyClientSession session, int error, int data, PipeReader toPod, PipeWriter fromPod)
    {
        using var stop = new CancellationTokenSource();
        var sending = SendAsync(session, data, toPod, stop.Token);
        Exception? failure = null;
        var message = new StringBuilder();
        // containerd ends the data stream before it writes a failure to the error stream, so the relay reads on until
        // the error stream ends too (or a short while has passed).
        using var late = new CancellationTokenSource();
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, late.Token);
        try
        {
            await foreach (var frame in session.ReadFramesAsync(reading.Token).ConfigureAwait(false))
            {
                if (frame.Type != SpdyFrameType.Data) continue;
                if (frame.StreamId == error)
                {
                    if (!frame.Payload.IsEmpty) message.Append(Encoding.UTF8.GetString(frame.Payload.Span));
                    if (frame.IsFin) break;
                }
                if (frame.StreamId == data)
                {
                    if (!frame.Payload.IsEmpty) await fromPod.WriteAsync(frame.Payload, stop.Token).ConfigureAwait(false);
                    if (frame.IsFin) late.CancelAfter(TimeSpan.FromSeconds(2));
                }
            }
        }
        catch (OperationCanceledException) when (late.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SpdyException or OperationCanceledException)
        {
            failure = e;
        }
        if (message.Length > 0) failure = new PortForwardException(message.ToString());
        await fromPod.CompleteAsync(failure).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await sending.ConfigureAwait(false);
        await session.DisposeAsync().ConfigureAwait(false);
    }

    static async Task SendAsync(SpdyClientSession session, int data, PipeReader toPod, CancellationToken ct)
    {
        try
        {
            await PipeConnection.CopyAsync(toPod, segment => session.WriteAsync(data, segment, ct), ct).ConfigureAwait(false);
            await session.CloseStreamAsync(data, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        await toPod.CompleteAsync().ConfigureAwait(false);
    }
}
