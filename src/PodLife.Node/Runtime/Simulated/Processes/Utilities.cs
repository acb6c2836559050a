namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>The built-in utilities (the busybox/coreutils commands tutorials use), by name.</summary>
internal static class Utilities
{
    static readonly Dictionary<string, Func<UtilityCall, Task<int>>> Table = new()
    {
        ["true"] = _ => Task.FromResult(0),
        [":"] = _ => Task.FromResult(0),
        ["false"] = _ => Task.FromResult(1),
        ["echo"] = Sync(TextUtilities.Echo),
        ["printf"] = Sync(TextUtilities.Printf),
        ["date"] = Sync(TextUtilities.Date),
        ["seq"] = Sync(TextUtilities.Seq),
        ["env"] = Sync(TextUtilities.Env),
        ["printenv"] = Sync(TextUtilities.Printenv),
        ["hostname"] = Sync(Hostname),
        ["whoami"] = Sync(c => Print(c, "root")),
        ["pwd"] = Sync(c => Print(c, c.Process.WorkingDirectory)),
        ["test"] = Sync(TestExpression.Run),
        ["["] = Sync(TestExpression.Run),
        ["cat"] = FileUtilities.CatAsync,
        ["ls"] = Sync(FileUtilities.List),
        ["touch"] = Sync(FileUtilities.Touch),
        ["rm"] = Sync(FileUtilities.Remove),
        ["mkdir"] = Sync(FileUtilities.MakeDirectory),
        ["tail"] = FileUtilities.TailAsync,
        ["tar"] = TarUtility.RunAsync,
        ["sleep"] = SleepAsync,
        ["stress"] = StressUtility.RunAsync,
        ["wget"] = NetworkUtilities.WgetAsync,
        ["curl"] = NetworkUtilities.CurlAsync,
        ["nslookup"] = NslookupUtility.RunAsync,
        ["ping"] = PingUtility.RunAsync,
        ["nc"] = NetcatUtility.RunAsync,
        ["uname"] = Sync(Uname),
        ["grep"] = FilterUtilities.GrepAsync,
        ["head"] = FilterUtilities.HeadAsync,
        ["wc"] = FilterUtilities.CountAsync,
        ["cut"] = FilterUtilities.CutAsync,
        ["tr"] = FilterUtilities.TranslateAsync,
        ["sort"] = FilterUtilities.SortAsync,
        ["uniq"] = FilterUtilities.UniqAsync,
        ["sed"] = FilterUtilities.SedAsync,
        ["awk"] = FilterUtilities.AwkAsync,
        ["tee"] = FilterUtilities.TeeAsync,
        ["basename"] = Sync(FilterUtilities.Basename),
        ["dirname"] = Sync(FilterUtilities.Dirname),
    };

    public static Func<UtilityCall, Task<int>>? Find(string name) => Table.GetValueOrDefault(name);

    static Func<UtilityCall, Task<int>> Sync(Func<UtilityCall, int> run) => call => Task.FromResult(run(call));

    // uname: the node's kernel, which every container shares (here the machine's), and the pod's hostname; -a as busybox's.
    static int Uname(UtilityCall call)
    {
        static string Proc(string file, string fallback)
        {
            try
            {
                return File.ReadAllText("/proc/sys/kernel/" + file).Trim();
            }
            catch (IOException)
            {
                return fallback;
            }
            catch (UnauthorizedAccessException)
            {
                return fallback;
            }
        }
        var machine = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "aarch64" : "x86_64";
        var parts = new Dictionary<char, string>
        {
            ['s'] = "Linux",
            ['n'] = call.Process.Container.Hostname,
            ['r'] = Proc("osrelease", "6.1.0"),
            ['v'] = Proc("version", "#1 SMP"),
            ['m'] = machine,
            ['o'] = "GNU/Linux",
        };
        var asked = string.Concat(call.Args.Where(a => a.StartsWith('-')).Select(a => a[1..]));
        var letters = asked.Contains('a', StringComparison.Ordinal) ? "snrvmo" : asked.Length == 0 ? "s" : string.Concat("snrvmo".Where(asked.Contains));
        return Print(call, string.Join(' ', letters.Select(c => parts[c])));
    }

    // hostname, -s (short), -f (the fully qualified name /etc/hosts gives it), -i (its addresses, from /etc/hosts).
    static int Hostname(UtilityCall call)
    {
        var hostname = call.Process.Container.Hostname;
        var line = ManagedHosts.Entry(call.FileSystem.Read("/etc/hosts") ?? "", hostname);
        return call.Args.FirstOrDefault() switch
        {
            "-i" => Print(call, line?[0] ?? "127.0.0.1"),
            "-f" => Print(call, line?[1] ?? hostname),
            "-s" => Print(call, hostname.Split('.')[0]),
            _ => Print(call, hostname),
        };
    }

    static int Print(UtilityCall call, string text)
    {
        call.Out(text + "\n");
        return 0;
    }

    static async Task<int> SleepAsync(UtilityCall call)
    {
        if (call.Args.Count == 0)
        {
            call.Error("sleep: missing operand");
            return 1;
        }
        var total = TimeSpan.Zero;
        foreach (var arg in call.Args)
        {
            if (arg == "infinity")
            {
                await call.Process.DelayAsync(null).ConfigureAwait(false);
                return 0;
            }
            if (Durations.TryParse(arg, out var duration))
            {
                total += duration;
                continue;
            }
            call.Error($"sleep: invalid number '{arg}'");
            return 1;
        }
        await call.Process.DelayAsync(total).ConfigureAwait(false);
        return 0;
    }
}
