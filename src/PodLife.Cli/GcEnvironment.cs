using System.Runtime.InteropServices;

namespace PodLife.Cli;

/// <summary>
/// The GC settings of the long-running commands (`up`, `server`, `node`, `bench`): background GC with a 64 MiB gen0
/// budget. The runtime reads the gen0 budget (GCgen0size) from the environment only, before any managed code runs, so
/// when it is missing the process re-executes its own image with the same arguments and the settings added: execve
/// keeps the PID, which users and tests track. Why these settings: performance.md, "GC and the create→Ready tail".
/// </summary>
public static class GcEnvironment
{
    /// <summary>Set in the re-executed process, so it never re-executes again; set it to anything to opt out.</summary>
    public const string Marker = "PODLIFE_GC_REEXEC";

    /// <summary>
    /// Background GC ends the blocking gen2 collections (220-470 ms at 100 pods/s); alone it shrinks the gen0 budget to
    /// a few MB (hundreds of collections a run), which the 64 MiB minimum restores.
    /// </summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Settings =
    [
        new("DOTNET_gcConcurrent", "1"),
        new("DOTNET_GCgen0size", "0x4000000"),
    ];

    static readonly string[] LongRunningVerbs = ["up", "server", "node", "bench"];

    /// <summary>
    /// The variables to add before running <paramref name="args"/>, none when the command is short-lived, when this
    /// process was already re-executed, or when the user configures the GC through the environment themselves (any
    /// DOTNET_gc… / COMPlus_gc… variable, whatever its case: their settings win, whole).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Missing(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args.Count == 0 || !LongRunningVerbs.Contains(args[0]) || args.Any(a => a is "--help" or "-h"))
            return [];
        if (environment.ContainsKey(Marker) || environment.Keys.Any(IsGcVariable))
            return [];
        return Settings;
    }

    static bool IsGcVariable(string name) =>
        name.StartsWith("DOTNET_gc", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_gc", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Re-executes this process with the GC settings when <see cref="Missing"/> asks for them (Linux only). Returns
    /// only when it did not: nothing to add, not Linux, or execve failed (then the process runs on with the
    /// runtimeconfig's GC, and says so on <paramref name="stderr"/>).
    /// </summary>
    public static void ApplyByReexec(string[] args, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        if (!OperatingSystem.IsLinux()) return;
        var environment = CurrentEnvironment();
        var missing = Missing(args, environment);
        if (missing.Count == 0) return;

        // /proc/self/exe and /proc/self/cmdline are the image and argv as started: the apphost with its arguments, or
        // `dotnet podlife.dll …` (also under `dotnet run`), so the same command starts again whichever way it was run.
        string[] argv;
        try
        {
            argv = File.ReadAllText("/proc/self/cmdline").Split('\0');
        }
        catch (IOException e)
        {
            stderr.WriteLine($"podlife: warning: not applying the GC settings ({e.Message})");
            return;
        }
        if (argv.Length > 0 && argv[^1].Length == 0) argv = argv[..^1];

        var envp = environment.Concat(missing).Append(new(Marker, "1")).Select(v => $"{v.Key}={v.Value}");
        execve("/proc/self/exe", [.. argv, null], [.. envp, null]);
        stderr.WriteLine($"podlife: warning: not applying the GC settings (execve failed: errno {Marshal.GetLastPInvokeError()})");
    }

    static Dictionary<string, string> CurrentEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        return environment;
    }

    // LPStr is UTF-8 on Unix; the arrays end with a null element, as execve wants.
    [DllImport("libc", SetLastError = true)]
    static extern int execve([MarshalAs(UnmanagedType.LPStr)] string path,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] argv,
        [MarshalAs(UnmanagedType.LPArray, ArraySubType = UnmanagedType.LPStr)] string?[] envp);
}
