using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PodLife.Testing;

/// <summary>A running `kubectl port-forward`.</summary>
public static class KubectlPortForward
{
    /// <summary>The local port kubectl listens on, from its "Forwarding from 127.0.0.1:PORT -> 80" line.</summary>
    /// <exception cref="InvalidOperationException">kubectl ended or printed something else first.</exception>
    public static async Task<int> LocalPortAsync(Process forward, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(forward);
        var line = await forward.StandardOutput.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), ct)
            ?? throw new InvalidOperationException($"kubectl port-forward ended: {await forward.StandardError.ReadToEndAsync(ct)}");
        var match = Regex.Match(line, @"^Forwarding from 127\.0\.0\.1:(\d+) -> \d+$");
        return match.Success
            ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"kubectl port-forward printed \"{line}\"");
    }
}
