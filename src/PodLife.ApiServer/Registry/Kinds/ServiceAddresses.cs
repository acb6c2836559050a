using System.Net;
using System.Net.Sockets;

namespace PodLife.ApiServer.Registry.Kinds;

/// <summary>
/// The cluster IPs and node ports Services are given (kube-apiserver's ipallocator and portallocator), as pure choices
/// over the values in use: the service range 10.96.0.0/12 (kubeadm's and kind's; kube-apiserver's own default is
/// 10.0.0.0/24) and node ports 30000-32767.
/// </summary>
public static class ServiceAddresses
{
    public const string Range = "10.96.0.0/12";
    public const int FirstNodePort = 30000;
    public const int LastNodePort = 32767;
    public const string NodePortRange = "30000-32767";

    const uint Network = 0x0A60_0000; // 10.96.0.0
    const int Size = 1 << 20;         // a /12

    // The usable addresses leave out the network and broadcast ones; index 0 is 10.96.0.1, the kubernetes Service's.
    const int Usable = Size - 2;

    /// <summary>The first address of the range, which the default kubernetes Service gets.</summary>
    public static readonly string KubernetesServiceIP = AddressAt(0);

    // calculateRangeOffset: a band at the start of each range is left to values users ask for; random choices look above
    // it first (16 to 256 addresses, a 16th of the range; 16 to 128 ports, a 32nd of it).
    static readonly int IPBand = Math.Clamp(Usable / 16, 16, 256);
    static readonly int PortBand = Math.Clamp((LastNodePort - FirstNodePort + 1) / 32, 16, 128);

    static string AddressAt(int index)
    {
        var value = Network + 1 + (uint)index;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }

    /// <summary>Whether <paramref name="ip"/> is an address Services may be given (in the range, neither network nor broadcast).</summary>
    public static bool InRange(IPAddress ip)
    {
        if (ip.AddressFamily != AddressFamily.InterNetwork) return false;
        var bytes = ip.GetAddressBytes();
        var value = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        var offset = value - Network;
        return value >= Network && offset >= 1 && offset <= Usable;
    }

    public static bool NodePortInRange(long port) => port is >= FirstNodePort and <= LastNodePort;

    /// <summary>A free cluster IP chosen at random, above the band kept for requested ones while there is room; null if none is free.</summary>
    public static string? PickClusterIP(IReadOnlySet<string> used, Random random) =>
        Pick(Usable, IPBand, i => !used.Contains(AddressAt(i)), random) is { } index ? AddressAt(index) : null;

    /// <summary>A free node port chosen the same way; null if none is free.</summary>
    public static int? PickNodePort(IReadOnlySet<int> used, Random random) =>
        Pick(LastNodePort - FirstNodePort + 1, PortBand, i => !used.Contains(FirstNodePort + i), random) is { } index ? FirstNodePort + index : null;

    // A random start in the upper part, walked to its end and round; then the band. Services are few, so a walk is short.
    static int? Pick(int count, int band, Func<int, bool> free, Random random)
    {
        var upper = count - band;
        var start = random.Next(upper);
        for (var step = 0; step < upper; step++)
        {
            var i = band + (start + step) % upper;
            if (free(i)) return i;
        }
        for (var i = 0; i < band; i++)
            if (free(i)) return i;
        return null;
    }
}
