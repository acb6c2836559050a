namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// <c>stress</c> (the polinux/stress image of the Kubernetes memory examples): <c>--vm N --vm-bytes SIZE</c> keeps
/// N×SIZE of memory in use, so a container whose limit is smaller is OOM-killed; <c>--timeout T</c> ends the run.
/// </summary>
internal static class StressUtility
{
    public static async Task<int> RunAsync(UtilityCall call)
    {
        int cpu = 0, io = 0, vm = 0, hdd = 0;
        long vmBytes = 256L << 20;
        TimeSpan? timeout = null;
        for (var i = 0; i < call.Args.Count; i++)
        {
            var value = i + 1 < call.Args.Count ? call.Args[i + 1] : "";
            var ok = call.Args[i] switch
            {
                "--cpu" or "-c" => int.TryParse(value, out cpu),
                "--io" or "-i" => int.TryParse(value, out io),
                "--vm" or "-m" => int.TryParse(value, out vm),
                "--hdd" or "-d" => int.TryParse(value, out hdd),
                "--vm-bytes" => Durations.TryParseBytes(value, out vmBytes),
                "--timeout" or "-t" => TryParseTimeout(value, out timeout),
                "--vm-hang" or "--vm-stride" or "--hdd-bytes" or "--backoff" => true,
                _ => (bool?)null,
            };
            if (ok is null) continue;
            if (ok == false)
            {
                call.Error($"stress: FAIL: [1] (200) invalid value for {call.Args[i]}: {value}");
                return 1;
            }
            i++;
        }
        var started = call.Process.Now;
        call.Out($"stress: info: [1] dispatching hogs: {cpu} cpu, {io} io, {vm} vm, {hdd} hdd\n");
        call.Process.Allocate(vm * vmBytes);
        await call.Process.DelayAsync(timeout).ConfigureAwait(false);
        call.Out($"stress: info: [1] successful run completed in {(int)(call.Process.Now - started).TotalSeconds}s\n");
        return 0;
    }

    static bool TryParseTimeout(string value, out TimeSpan? timeout)
    {
        var ok = Durations.TryParse(value, out var duration);
        timeout = ok ? duration : null;
        return ok;
    }
}
