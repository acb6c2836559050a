using System.Globalization;
using System.Net;

namespace PodLife.Cli.Node;

/// <summary>The flags of `podlife node`, parsed; <see cref="Parse"/> says what is wrong in one line.</summary>
public sealed record NodeFlags(
    int Count, Uri Server, string TokenFile, string? CertificateAuthority, string NamePrefix, double Speed, IPAddress Address, int KubeletPort)
{
    /// <param name="args">The flags, without the runtime flags (<see cref="CriFlags"/>).</param>
    /// <param name="realNode">--runtime cri: one node on real containers instead of --simulate N.</param>
    /// <param name="error">What is wrong, in one line.</param>
    public static NodeFlags? Parse(string[] args, bool realNode, out string error)
    {
        int? count = null;
        Uri? server = null;
        string? tokenFile = null, ca = null, prefix = "podlife-node-";
        var speed = 1.0;
        var address = IPAddress.Loopback;
        var port = 10250;
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (flag)
            {
                case "--simulate":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                    { error = "--simulate needs a number of nodes (1 or more)"; return null; }
                    count = n;
                    break;
                case "--server":
                    if (!Uri.TryCreate(Value(), UriKind.Absolute, out server) || server.Scheme != Uri.UriSchemeHttps)
                    { error = "--server needs the API server's https:// URL"; return null; }
                    break;
                case "--token-file" or "--certificate-authority":
                    if (Value() is not { Length: > 0 } path) { error = $"{flag} needs a file"; return null; }
                    if (!File.Exists(path)) { error = $"{flag}: {path}: no such file"; return null; }
                    if (flag == "--token-file") tokenFile = Path.GetFullPath(path);
                    else ca = Path.GetFullPath(path);
                    break;
                case "--name-prefix":
                    // A node name is a DNS subdomain; the prefix plus a number must stay one.
                    if (Value() is not { Length: > 0 and <= 200 } p || !System.Text.RegularExpressions.Regex.IsMatch(p, "^[a-z0-9]([-a-z0-9.]*)?$"))
                    { error = "--name-prefix needs lower-case letters, digits, '-' or '.', starting with a letter or digit"; return null; }
                    prefix = p;
                    break;
                case "--speed":
                    if (!double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || !(speed > 0) || double.IsInfinity(speed))
                    { error = "--speed needs a positive number"; return null; }
                    break;
                case "--address":
                    if (!IPAddress.TryParse(Value() ?? "", out address!)) { error = "--address needs an IP address"; return null; }
                    break;
                case "--kubelet-port":
                    if (!int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                    { error = "--kubelet-port needs a number from 0 to 65535"; return null; }
                    break;
                default:
                    error = $"unknown flag \"{flag}\" (see podlife node --help)";
                    return null;
            }
        }
        if (realNode && count is not null) { error = "--simulate and --runtime cri exclude each other"; return null; }
        if (realNode) count = 1;
        if (count is null) { error = "--simulate N or --runtime cri is required"; return null; }
        if (server is null) { error = "--server URL is required"; return null; }
        if (tokenFile is null) { error = "--token-file F is required"; return null; }
        // The server's data directory keeps its CA beside the token file (DIR/tokens.csv, DIR/pki/ca.crt).
        var beside = Path.Combine(Path.GetDirectoryName(tokenFile)!, "pki", "ca.crt");
        ca ??= File.Exists(beside) ? beside : null;
        return new NodeFlags(count.Value, server, tokenFile, ca, prefix, speed, address, port);
    }
}
