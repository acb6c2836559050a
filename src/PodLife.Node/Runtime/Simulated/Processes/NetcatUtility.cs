using System.Globalization;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// busybox's nc over the simulated cluster network, as init containers and readiness scripts use it:
/// <c>until nc -z db 5432; do sleep 1; done</c> (0 once something listens there, 1 while it refuses), <c>-v</c> saying
/// so, <c>-w</c> bounding the wait for an address nobody has; a request piped to an HTTP server (<c>printf 'GET /
/// HTTP/1.0\r\n\r\n' | nc web 80</c>) prints its answer; <c>-l</c> listens until stopped.
/// </summary>
internal static class NetcatUtility
{
    public static async Task<int> RunAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "wpsie", []);
        var flags = options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        if (flags.Contains("l"))
        {
            await call.Process.DelayAsync(null).ConfigureAwait(false);
            return 0;
        }
        var timeout = options.LastOrDefault(o => o.Name == "w").Value is { } w && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (operands.Count < 2 || !int.TryParse(operands[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            call.Error("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen");
            return 1;
        }
        var host = operands[0];
        var verbose = flags.Contains("v");
        if (PodResolver.Resolve(call.Process.Container, host) is not { } ip)
        {
            call.Error($"nc: bad address '{host}'");
            return 1;
        }
        // A request written to the connection: an HTTP one gets the server's answer, anything else only the connection.
        var input = flags.Contains("z") ? null : await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false);
        var requestLine = (input ?? "").Split('\n')[0].Trim().Split(' ');
        var (method, path) = requestLine.Length >= 2 && requestLine[1].StartsWith('/') ? (requestLine[0], requestLine[1]) : ("HEAD", "/");
        var answer = await new HttpTarget(host, port, path, ExplicitPort: true).SendAsync(call.Process, ip, method).ConfigureAwait(false);
        var address = $"{host} ({ip}:{port.ToString(CultureInfo.InvariantCulture)})";
        switch (answer.Kind)
        {
            case PodAnswerKind.Refused:
                if (verbose || !flags.Contains("z")) call.Error($"nc: {address}: Connection refused");
                return 1;
            case PodAnswerKind.Unreachable:
                await call.Process.DelayAsync(timeout is { } limit && limit < NetworkUtilities.KernelConnectTimeout ? limit : NetworkUtilities.KernelConnectTimeout).ConfigureAwait(false);
                if (verbose || !flags.Contains("z")) call.Error($"nc: {address}: {(timeout is null ? "Connection timed out" : "timed out")}");
                return 1;
        }
        if (verbose) call.Error($"{address} open");
        if (method != "HEAD" && answer.Kind == PodAnswerKind.Answered)
        {
            call.Out($"HTTP/1.1 {answer.Status.ToString(CultureInfo.InvariantCulture)} {HttpTarget.Reason(answer.Status)}\r\n"
                + $"Content-Length: {System.Text.Encoding.UTF8.GetByteCount(answer.Body).ToString(CultureInfo.InvariantCulture)}\r\nConnection: close\r\n\r\n{answer.Body}");
        }
        return 0;
    }
}
