using System.Diagnostics;

namespace PodLife.Node.Cri.Setup;

/// <summary>Runs a set-up tool (umoci, skopeo, ip) to completion; a failure is an exception naming the tool and its error.</summary>
internal static class ProcessRun
{
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', psi.ArgumentList)} failed (exit {process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
        }
        return await stdout.ConfigureAwait(false);
    }
}
