namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// tar over the container's in-memory file system, as <c>kubectl cp</c> runs it: <c>tar cf - PATH</c> to copy out of a
/// pod, <c>tar -xmf - -C DIR</c> to copy into one (also <c>t</c> to list, <c>v</c>, <c>f FILE</c>). Archives are ustar
/// (<see cref="TarFormat"/>); compression is not simulated. Words and exit codes are busybox's, or GNU tar's in a GNU image.
/// </summary>
internal static class TarUtility
{
    sealed record Options(char Mode, string Archive, string? Directory, bool Verbose, List<string> Paths);

    public static async Task<int> RunAsync(UtilityCall call)
    {
        if (Parse(call) is not { } options) return Failure(call);
        var directory = call.Resolve(options.Directory ?? ".");
        if (!call.FileSystem.IsDirectory(directory))
        {
            call.Error(call.Userland.IsBusybox
                ? $"tar: can't change directory to '{options.Directory}': {Userland.NoSuchFile}"
                : $"tar: {options.Directory}: Cannot open: {Userland.NoSuchFile}");
            return Failure(call);
        }
        return options.Mode == 'c' ? Create(call, options, directory) : await ReadAsync(call, options, directory).ConfigureAwait(false);
    }

    // busybox exits 1; GNU tar 2, after saying so.
    static int Failure(UtilityCall call)
    {
        if (call.Userland.IsBusybox) return 1;
        call.Error("tar: Exiting with failure status due to previous errors");
        return 2;
    }

    static Options? Parse(UtilityCall call)
    {
        char mode = '\0';
        string archive = "-";
        string? directory = null;
        var verbose = false;
        var paths = new List<string>();
        var pending = new Queue<char>(); // options that take the next argument: f, C
        for (var i = 0; i < call.Args.Count; i++)
        {
            var arg = call.Args[i];
            if (pending.Count > 0)
            {
                if (pending.Dequeue() == 'f') archive = arg;
                else directory = arg;
                continue;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg.StartsWith("--directory=", StringComparison.Ordinal)) directory = arg["--directory=".Length..];
                else if (arg is not ("--no-same-permissions" or "--no-same-owner" or "--preserve-permissions" or "--same-owner"))
                {
                    call.Error($"tar: unrecognized option '{arg}'");
                    return null;
                }
                continue;
            }
            // The first argument may bundle its letters without a dash ("cf", "xmf"), as kubectl's and old scripts do.
            if (arg.StartsWith('-') && arg.Length > 1 || i == 0)
            {
                foreach (var letter in arg.TrimStart('-'))
                {
                    switch (letter)
                    {
                        case 'c' or 'x' or 't': mode = letter; break;
                        case 'f' or 'C': pending.Enqueue(letter); break;
                        case 'v': verbose = true; break;
                        case 'm' or 'o' or 'p': break;
                        case 'z' or 'j' or 'J':
                            call.Error($"tar: compression (-{letter}) is not simulated");
                            return null;
                        default:
                            call.Error($"tar: invalid option -- '{letter}'");
                            return null;
                    }
                }
                continue;
            }
            paths.Add(arg);
        }
        if (mode == '\0' || pending.Count > 0)
        {
            call.Error(mode == '\0' ? "tar: need one of 'c', 'x' or 't'" : "tar: option requires an argument");
            return null;
        }
        return new Options(mode, archive, directory, verbose, paths);
    }

    static int Create(UtilityCall call, Options options, string directory)
    {
        if (options.Paths.Count == 0)
        {
            call.Error(call.Userland.IsBusybox ? "tar: empty archive" : "tar: Cowardly refusing to create an empty archive");
            return Failure(call);
        }
        var entries = new List<TarEntry>();
        var failed = false;
        if (options.Paths.Any(p => p.StartsWith('/')))
            call.Error(call.Userland.IsBusybox ? "tar: removing leading '/' from member names" : "tar: Removing leading `/' from member names");
        foreach (var operand in options.Paths)
        {
            var path = ContainerFileSystem.Resolve(directory, operand);
            if (!call.FileSystem.IsFile(path) && !call.FileSystem.IsDirectory(path))
            {
                call.Error(call.Userland.IsBusybox ? $"tar: {operand}: {Userland.NoSuchFile}" : $"tar: {operand}: Cannot stat: {Userland.NoSuchFile}");
                failed = true;
                continue;
            }
            Add(call.FileSystem, path, operand.TrimStart('/').TrimEnd('/'), entries);
        }
        var archive = TarFormat.Write(entries);
        // The names go to stderr when stdout carries the archive.
        if (options.Verbose) entries.ForEach(e => (options.Archive == "-" ? call.Io.Err : call.Io.Out).Write((e.IsDirectory ? e.Name + "/" : e.Name) + "\n"));
        if (options.Archive == "-") call.Out(archive);
        else if (!call.FileSystem.Write(call.Resolve(options.Archive), archive, append: false))
        {
            call.Error($"tar: can't open '{options.Archive}': {call.FileSystem.WriteError(call.Resolve(options.Archive))}");
            return Failure(call);
        }
        return failed ? Failure(call) : 0;
    }

    // A file, or a directory and everything under it, under the member name it is given.
    static void Add(ContainerFileSystem fs, string path, string name, List<TarEntry> entries)
    {
        if (fs.IsFile(path))
        {
            entries.Add(new TarEntry(name, IsDirectory: false, fs.Read(path) ?? ""));
            return;
        }
        if (name.Length > 0 && name != ".") entries.Add(new TarEntry(name, IsDirectory: true));
        foreach (var child in fs.Children(path))
            Add(fs, path == "/" ? "/" + child : path + "/" + child, name.Length == 0 ? child : name + "/" + child, entries);
    }

    // Extracts (x) or lists (t) the archive.
    static async Task<int> ReadAsync(UtilityCall call, Options options, string directory)
    {
        var text = options.Archive == "-"
            ? await call.Io.ReadStdinAsync(call.Process).ConfigureAwait(false) ?? ""
            : call.FileSystem.Read(call.Resolve(options.Archive));
        if (text is null)
        {
            call.Error(call.Userland.CannotOpen("tar", options.Archive));
            return Failure(call);
        }
        if (TarFormat.Read(text) is not { } entries)
        {
            call.Error(call.Userland.IsBusybox ? "tar: invalid tar magic" : "tar: This does not look like a tar archive");
            return Failure(call);
        }
        var failed = false;
        foreach (var entry in entries)
        {
            var name = entry.Name.TrimStart('/');
            if (options.Mode == 't' || options.Verbose) call.Out((entry.IsDirectory ? name + "/" : name) + "\n");
            if (options.Mode == 't' || name.Length == 0) continue;
            var path = ContainerFileSystem.Resolve(directory, name);
            var written = entry.IsDirectory
                ? call.FileSystem.MakeDirectory(path, parents: true)
                : call.FileSystem.MakeDirectory(FileTree.Parent(path), parents: true) && call.FileSystem.Write(path, entry.Content, append: false);
            if (written) continue;
            call.Error(call.Userland.IsBusybox ? $"tar: can't open '{name}': {call.FileSystem.WriteError(path)}" : $"tar: {name}: Cannot open: {call.FileSystem.WriteError(path)}");
            failed = true;
        }
        return failed ? Failure(call) : 0;
    }
}
