namespace PodLife.Core.Scheduling;

/// <summary>One host port a pod asks for; an empty host IP means every address (0.0.0.0), an empty protocol TCP.</summary>
public readonly record struct HostPort(string Ip, string Protocol, int Port)
{
    public const string AnyIp = "0.0.0.0";

    public static HostPort Of(string? ip, string? protocol, int port) =>
        new(string.IsNullOrEmpty(ip) ? AnyIp : ip, string.IsNullOrEmpty(protocol) ? "TCP" : protocol, port);
}
