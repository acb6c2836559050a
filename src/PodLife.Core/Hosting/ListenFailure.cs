using System.Net.Sockets;

namespace PodLife.Core.Hosting;

/// <summary>Why a server could not listen on its address, in the few words a one-line error needs.</summary>
public static class ListenFailure
{
    /// <summary>"address already in use" and the like from the socket error under Kestrel's exception, else its message.</summary>
    public static string Describe(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException socket && Words(socket.SocketErrorCode) is { } words) return words;
        }
        return e.Message;
    }

    static string? Words(SocketError error) => error switch
    {
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "cannot assign requested address",
        SocketError.AccessDenied => "permission denied",
        _ => null,
    };
}
