using System.Globalization;
using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// wget (busybox's) and curl over the simulated cluster network: what tutorials run to reach a Service or a pod from
/// another pod (<c>wget -qO- http://web</c>, <c>curl -s web:8080/healthz</c>), with those tools' messages and exit codes.
/// </summary>
internal static class NetworkUtilities
{
    // Linux gives up a connection to an address nobody answers after its SYN retries (tcp_syn_retries 6: 127 s).
    internal static readonly TimeSpan KernelConnectTimeout = TimeSpan.FromSeconds(127);

    public static async Task<int> WgetAsync(UtilityCall call)
    {
        bool quiet = false, spider = false;
        string? output = null;
        TimeSpan? timeout = null;
        var method = "GET";
        var (options, operands) = ToolOptions.Parse(call.Args, "OTUYoPH",
            ["output-document", "timeout", "post-data", "post-file", "header", "user-agent", "output-file", "directory-prefix"]);
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "q" or "quiet": quiet = true; break;
                case "s" or "spider": spider = true; break;
                case "O" or "output-document": output = value; break;
                case "T" or "timeout": timeout = Seconds(value); break;
                case "post-data" or "post-file": method = "POST"; break;
            }
        }
        var url = operands.LastOrDefault();
        if (url is null)
        {
            call.Error("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...");
            return 1;
        }
        if (HttpTarget.Parse(url) is not { } target)
        {
            call.Error($"wget: bad address '{url}'");
            return 1;
        }
        if (PodResolver.Resolve(call.Process.Container, target.Host) is not { } ip)
        {
            call.Error($"wget: bad address '{target.Host}'");
            return 1;
        }
        if (!quiet) call.Error($"Connecting to {target.HostAndPort} ({ip}:{target.Port.ToString(CultureInfo.InvariantCulture)})");
        var answer = await target.SendAsync(call.Process, ip, spider ? "HEAD" : method).ConfigureAwait(false);
        switch (answer.Kind)
        {
            case PodAnswerKind.Refused:
                call.Error($"wget: can't connect to remote host ({ip}): Connection refused");
                return 1;
            case PodAnswerKind.Closed:
                call.Error("wget: error getting response: Connection reset by peer");
                return 1;
            case PodAnswerKind.Unreachable when timeout is { } limit && limit < KernelConnectTimeout:
                await call.Process.DelayAsync(limit).ConfigureAwait(false);
                call.Error("wget: download timed out");
                return 1;
            case PodAnswerKind.Unreachable:
                await call.Process.DelayAsync(KernelConnectTimeout).ConfigureAwait(false);
                call.Error($"wget: can't connect to remote host ({ip}): Connection timed out");
                return 1;
        }
        if (answer.Status >= 400)
        {
            call.Error($"wget: server returned error: HTTP/1.1 {answer.Status.ToString(CultureInfo.InvariantCulture)} {HttpTarget.Reason(answer.Status)}");
            return 1;
        }
        if (spider)
        {
            if (!quiet) call.Error("remote file exists");
            return 0;
        }
        var file = output ?? target.FileName;
        if (file == "-")
        {
            if (!quiet) call.Error("writing to stdout");
            call.Out(answer.Body);
            if (!quiet) call.Error($"{Progress("-", answer.Body)}\nwritten to stdout");
            return 0;
        }
        var path = call.Resolve(file);
        if (output is null && call.FileSystem.IsFile(path))
        {
            call.Error($"wget: can't open '{file}': File exists");
            return 1;
        }
        if (!quiet) call.Error($"saving to '{file}'");
        if (!call.FileSystem.Write(path, answer.Body, append: false))
        {
            call.Error($"wget: can't open '{file}': {call.FileSystem.WriteError(path)}");
            return 1;
        }
        if (!quiet) call.Error($"{Progress(file, answer.Body)}\n'{file}' saved");
        return 0;
    }

    // busybox's progress meter once the transfer is complete: name, 100%, a full bar, the size and the ETA.
    static string Progress(string name, string body)
    {
        var size = Encoding.UTF8.GetByteCount(body);
        var shown = size < 100_000 ? size.ToString(CultureInfo.InvariantCulture) : $"{size / 1024}k";
        return $"{(name.Length > 20 ? name[..20] : name),-20} 100% |{new string('*', 32)}| {shown,5}  0:00:00 ETA";
    }

    public static async Task<int> CurlAsync(UtilityCall call)
    {
        bool silent = false, showErrors = false, fail = false, head = false, remoteName = false;
        string? output = null, method = null;
        TimeSpan? maxTime = null, connectTimeout = null;
        var (options, operands) = ToolOptions.Parse(call.Args, "oXmdHAwu",
            ["output", "request", "max-time", "connect-timeout", "data", "data-raw", "data-binary", "json", "header", "user-agent", "write-out", "cacert", "cert", "key", "user", "url"]);
        foreach (var (name, value) in options)
        {
            switch (name)
            {
                case "s" or "silent": silent = true; break;
                case "S" or "show-error": showErrors = true; break;
                case "f" or "fail": fail = true; break;
                case "I" or "head": head = true; break;
                case "O" or "remote-name": remoteName = true; break;
                case "o" or "output": output = value; break;
                case "X" or "request": method = value; break;
                case "m" or "max-time": maxTime = Seconds(value); break;
                case "connect-timeout": connectTimeout = Seconds(value); break;
                case "d" or "data" or "data-raw" or "data-binary" or "json": method ??= "POST"; break;
                case "url": operands.Add(value); break;
            }
        }
        var url = operands.LastOrDefault();
        void Fail(string message)
        {
            if (!silent || showErrors) call.Error($"curl: {message}");
        }
        if (url is null)
        {
            call.Error("curl: try 'curl --help' or 'curl --manual' for more information");
            return 2;
        }
        if (HttpTarget.Parse(url) is not { } target)
        {
            Fail("(3) URL rejected: Bad hostname");
            return 3;
        }
        if (PodResolver.Resolve(call.Process.Container, target.Host) is not { } ip)
        {
            Fail($"(6) Could not resolve host: {target.Host}");
            return 6;
        }
        var answer = await target.SendAsync(call.Process, ip, head ? "HEAD" : method ?? "GET").ConfigureAwait(false);
        var port = target.Port.ToString(CultureInfo.InvariantCulture);
        switch (answer.Kind)
        {
            case PodAnswerKind.Refused:
                Fail($"(7) Failed to connect to {target.Host} port {port} after 0 ms: Couldn't connect to server");
                return 7;
            case PodAnswerKind.Closed:
                Fail("(52) Empty reply from server");
                return 52;
            case PodAnswerKind.Unreachable:
                var limit = new[] { maxTime, connectTimeout, KernelConnectTimeout }.Where(t => t is not null).Min()!.Value;
                await call.Process.DelayAsync(limit).ConfigureAwait(false);
                var ms = ((long)limit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
                Fail(limit < KernelConnectTimeout
                    ? $"(28) Connection timed out after {ms} milliseconds"
                    : $"(28) Failed to connect to {target.Host} port {port} after {ms} ms: Couldn't connect to server");
                return 28;
        }
        if (fail && answer.Status >= 400)
        {
            Fail($"(22) The requested URL returned error: {answer.Status.ToString(CultureInfo.InvariantCulture)}");
            return 22;
        }
        var text = head
            ? $"HTTP/1.1 {answer.Status.ToString(CultureInfo.InvariantCulture)} {HttpTarget.Reason(answer.Status)}\r\nContent-Length: {Encoding.UTF8.GetByteCount(answer.Body).ToString(CultureInfo.InvariantCulture)}\r\n\r\n"
            : answer.Body;
        var file = output ?? (remoteName ? target.FileName : null);
        if (file is null || file == "-")
        {
            call.Out(text);
            return 0;
        }
        if (!call.FileSystem.Write(call.Resolve(file), text, append: false))
        {
            Fail($"(23) client returned ERROR on write of {text.Length.ToString(CultureInfo.InvariantCulture)} bytes");
            return 23;
        }
        return 0;
    }

    static TimeSpan? Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 ? TimeSpan.FromSeconds(s) : null;
}
