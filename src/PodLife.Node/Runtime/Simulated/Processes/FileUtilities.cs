namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>cat, ls, touch, rm, mkdir and tail over the container's in-memory file system.</summary>
internal static class FileUtilities
{
    public static async Task<int> CatAsync(UtilityCall call)
    {
        var files = call.Args.Where(a => a != "-").ToList();
        if (files.Count == 0)
        {
            call.Out(await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? "");
            return 0;
        }
        var status = 0;
        foreach (var file in files)
        {
            if (call.FileSystem.Read(call.Resolve(file)) is { } content)
            {
                call.Out(content);
            }
            else
            {
                call.Error(call.Userland.CannotOpen("cat", file));
                status = 1;
            }
        }
        return status;
    }

    /// <summary>
    /// ls: names one per line (as when not on a terminal), a directory's children in order, a header per directory when
    /// there are several operands. Options are accepted and ignored.
    /// </summary>
    public static int List(UtilityCall call)
    {
        var operands = Operands(call).ToList();
        if (operands.Count == 0) operands.Add(".");
        var status = 0;
        var first = true;
        foreach (var operand in operands)
        {
            var path = call.Resolve(operand);
            if (call.FileSystem.IsFile(path))
            {
                call.Out(operand + "\n");
                continue;
            }
            if (!call.FileSystem.IsDirectory(path))
            {
                call.Error(call.Userland.IsBusybox ? $"ls: {operand}: {Userland.NoSuchFile}" : $"ls: cannot access '{operand}': {Userland.NoSuchFile}");
                status = call.Userland.IsBusybox ? 1 : 2;
                continue;
            }
            if (operands.Count > 1) call.Out((first ? "" : "\n") + operand + ":\n");
            first = false;
            foreach (var child in call.FileSystem.Children(path)) call.Out(child + "\n");
        }
        return status;
    }

    public static int Touch(UtilityCall call)
    {
        var status = 0;
        foreach (var file in Operands(call))
        {
            var path = call.Resolve(file);
            if (!call.FileSystem.IsFile(path) && !call.FileSystem.IsDirectory(path) && !call.FileSystem.Write(path, "", append: true))
            {
                call.Error(call.Userland.CannotTouch(file, call.FileSystem.WriteError(path)));
                status = 1;
            }
        }
        return status;
    }

    public static int Remove(UtilityCall call)
    {
        var options = string.Concat(call.Args.Where(a => a.StartsWith('-')));
        var force = options.Contains('f');
        var recursive = options.Contains('r') || options.Contains('R');
        var status = 0;
        foreach (var file in Operands(call))
        {
            var path = call.Resolve(file);
            if (!call.FileSystem.Delete(path, recursive) && (!force || call.FileSystem.IsFile(path)))
            {
                call.Error(call.Userland.CannotRemove(file, call.FileSystem.WriteError(path)));
                status = 1;
            }
        }
        return status;
    }

    public static int MakeDirectory(UtilityCall call)
    {
        var parents = call.Args.Contains("-p");
        var status = 0;
        foreach (var dir in Operands(call))
        {
            var path = call.Resolve(dir);
            if (!call.FileSystem.MakeDirectory(path, parents) && !(parents && call.FileSystem.IsDirectory(path)))
            {
                call.Error(call.Userland.CannotCreateDirectory(dir, call.FileSystem.WriteError(path)));
                status = 1;
            }
        }
        return status;
    }

    /// <summary>
    /// <c>tail -f FILE</c> follows forever (the classic keep-alive <c>tail -f /dev/null</c>); <c>tail /dev/zero</c>
    /// reads an endless line into memory until the OOM killer ends it; otherwise prints the last lines.
    /// </summary>
    public static async Task<int> TailAsync(UtilityCall call)
    {
        var files = Operands(call).Where(f => !int.TryParse(f, out _)).ToList();
        if (files.Contains("/dev/zero"))
        {
            call.Process.Allocate(long.MaxValue / 4);
        }
        if (call.Args.Contains("-f") || call.Args.Contains("-F"))
        {
            await call.Process.DelayAsync(null).ConfigureAwait(false);
        }
        var index = call.Args.ToList().IndexOf("-n");
        var count = index >= 0 && index + 1 < call.Args.Count && int.TryParse(call.Args[index + 1], out var n) ? n : 10;
        var text = files.Count == 0 ? await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? "" : call.FileSystem.Read(call.Resolve(files[0]));
        if (text is null)
        {
            call.Error(call.Userland.CannotOpen("tail", files[0]));
            return 1;
        }
        var lines = text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');
        foreach (var line in lines.TakeLast(count).Where(l => text.Length > 0))
        {
            call.Out(line + "\n");
        }
        return 0;
    }

    static IEnumerable<string> Operands(UtilityCall call) => call.Args.Where(a => !a.StartsWith('-'));
}
