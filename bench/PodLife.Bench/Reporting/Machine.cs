using System.Runtime.InteropServices;

namespace PodLife.Bench.Reporting;

/// <summary>The machine a run measured: cores, memory, OS, runtime and its load when the run started.</summary>
public static class Machine
{
    public static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"{Environment.ProcessorCount} cores, {memory:F0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load {LoadAverage()}";
    }

    /// <summary>The 1-minute load average (Linux), so that a run on a busy machine says so.</summary>
    static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    /// <summary>This process's peak resident set (VmHWM on Linux; the working-set peak elsewhere).</summary>
    public static long PeakRssBytes()
    {
        if (ProcStatusBytes("self", "VmHWM") is { } peak) return peak;
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    /// <summary>
    /// Starts this process's peak resident set over from its current size (Linux: "5" written to /proc/self/clear_refs),
    /// so that each benchmark of `bench all`, which share one process, reports its own peak; false where it cannot.
    /// </summary>
    public static bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>A size field of /proc/PROCESS/status ("VmRSS", "VmHWM") in bytes; null where there is none.</summary>
    public static long? ProcStatusBytes(string process, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>CPU time this process has used so far (user + system).</summary>
    public static TimeSpan CpuTime()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
