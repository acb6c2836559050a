using System.Net;

namespace PodLife.Node.Runtime.Simulated;

/// <summary>Hands out pod IPs from a node's pod CIDR like CNI host-local: the gateway takes the first address.</summary>
internal sealed class PodAddressPool
{
    readonly uint _first;
    readonly uint _last;
    readonly HashSet<uint> _used = [];
    uint _next;

    /// <exception cref="ArgumentException">Not an IPv4 CIDR with a prefix from 16 to 30.</exception>
    public PodAddressPool(string cidr)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address)
            || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var prefix) || prefix is < 16 or > 30)
        {
            throw new ArgumentException($"pod CIDR \"{cidr}\" must be an IPv4 CIDR with a prefix from /16 to /30", nameof(cidr));
        }
        var mask = uint.MaxValue << (32 - prefix);
        var network = ToNumber(address) & mask;
        (_first, _last) = (network + 1, (network | ~mask) - 1);
        _next = _first + 1;
    }

    /// <summary>The usable range as host-local prints it, e.g. <c>10.244.0.1-10.244.0.254</c>.</summary>
    public string Range => $"{ToText(_first)}-{ToText(_last)}";

    /// <summary>The next free address after the last one given (host-local's order), or null when all are used.</summary>
    public string? Allocate()
    {
        for (uint tried = 0; tried < _last - _first; tried++)
        {
            var candidate = _next;
            _next = _next >= _last ? _first + 1 : _next + 1;
            if (_used.Add(candidate)) return ToText(candidate);
        }
        return null;
    }

    public void Release(string ip) => _used.Remove(ToNumber(IPAddress.Parse(ip)));

    static uint ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
    }

    static string ToText(uint number) => $"{number >> 24}.{(number >> 16) & 255}.{(number >> 8) & 255}.{number & 255}";
}
