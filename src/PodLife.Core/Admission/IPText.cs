using System.Net;
using System.Net.Sockets;

namespace PodLife.Core.Admission;

/// <summary>
/// IP addresses as Kubernetes' validation reads them (netutils.ParseIPSloppy): four decimal parts, leading zeros allowed,
/// or an IPv6 address without a zone. .NET's own parser also takes forms Go refuses ("1", "1.2", hexadecimal parts)
/// and reads a leading zero as octal.
/// </summary>
public static class IPText
{
    public static bool IsValid(string ip)
    {
        if (ip.Contains(':')) return !ip.Contains('%') && IPAddress.TryParse(ip, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        var parts = ip.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p) <= 255);
    }

    /// <summary>The address of text that <see cref="IsValid"/> accepts.</summary>
    public static IPAddress Parse(string ip) =>
        ip.Contains(':') ? IPAddress.Parse(ip) : new IPAddress(ip.Split('.').Select(p => (byte)int.Parse(p)).ToArray());
}
