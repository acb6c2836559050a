using System.Globalization;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// busybox's ping over the simulated cluster network: a pod's address answers (one echo a second, on the simulated
/// clock), a Service's cluster IP does not, as with kube-proxy's iptables rules, which forward only the service's ports
/// (a classic first surprise: "I can curl my service but not ping it").
/// </summary>
internal static class PingUtility
{
    // busybox ping -W's default: how long it waits, once -c's echoes are all sent, when none was answered.
    static readonly TimeSpan LastAnswerWait = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(UtilityCall call)
    {
        var (options, operands) = ToolOptions.Parse(call.Args, "cWwsIi", []);
        int? count = null;
        var lastAnswerWait = LastAnswerWait;
        foreach (var (name, value) in options)
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0) continue;
            if (name == "c") count = number;
            if (name == "W") lastAnswerWait = TimeSpan.FromSeconds(number);
        }
        if (operands.LastOrDefault() is not { } host)
        {
            call.Error("BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST");
            return 1;
        }
        var container = call.Process.Container;
        if (PodResolver.Resolve(container, host) is not { } ip)
        {
            call.Error($"ping: bad address '{host}'");
            return 1;
        }
        call.Out($"PING {host} ({ip}): 56 data bytes\n");
        var target = PodResolver.Destination(container, ip);
        var answers = await call.Process.OutsideAsync(() => container.Network.AnswersPingAsync(target)).ConfigureAwait(false);
        if (!answers)
        {
            // Nothing comes back: one echo a second; with -c, once all are sent, -W's 10 s for an answer; without, for ever.
            if (count is not { } sent) await call.Process.DelayAsync(null).ConfigureAwait(false);
            else
            {
                await call.Process.DelayAsync(TimeSpan.FromSeconds(sent - 1) + lastAnswerWait).ConfigureAwait(false);
                Summary(call, host, sent, []);
            }
            return 1;
        }
        var times = new List<double>();
        for (var seq = 0; count is null || seq < count; seq++)
        {
            if (seq > 0) await call.Process.DelayAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            // A steady, plausible round trip on one host's bridge: 0.05-0.09 ms.
            var time = 0.05 + (seq * 7 + ip.Length) % 5 / 100.0;
            times.Add(time);
            call.Out($"64 bytes from {ip}: seq={seq} ttl=64 time={time.ToString("0.000", CultureInfo.InvariantCulture)} ms\n");
        }
        Summary(call, host, times.Count, times);
        return 0;
    }

    static void Summary(UtilityCall call, string host, int sent, List<double> times)
    {
        var loss = sent == 0 ? 0 : (sent - times.Count) * 100 / sent;
        call.Out($"\n--- {host} ping statistics ---\n{sent} packets transmitted, {times.Count} packets received, {loss}% packet loss\n");
        if (times.Count > 0)
        {
            var text = string.Join('/', new[] { times.Min(), times.Average(), times.Max() }.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)));
            call.Out($"round-trip min/avg/max = {text} ms\n");
        }
    }
}
