using System.Net.Sockets;
using Grpc.Net.Client;

namespace PodLife.Node.Cri;

/// <summary>A gRPC channel over a unix socket, the way kubelet reaches its container runtime.</summary>
public static class CriChannel
{
    /// <summary>A channel whose every HTTP/2 connection is a fresh connection to <paramref name="socketPath"/>.</summary>
    public static GrpcChannel ForUnixSocket(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 32 * 1024 * 1024 });
    }
}
