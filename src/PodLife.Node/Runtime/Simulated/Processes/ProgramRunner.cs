using PodLife.Node.Runtime.Simulated.Images;
using PodLife.Node.Runtime.Simulated.Shell;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// Runs one program by name: a shell, a built-in utility, a program the catalog describes, or else an unknown
/// program, which keeps running like a server.
/// </summary>
internal static class ProgramRunner
{
    static readonly HashSet<string> Shells = ["sh", "bash", "ash", "dash", "zsh"];

    static readonly Lazy<HashSet<string>> BusyboxApplets = new(() =>
    {
        using var stream = typeof(ProgramRunner).Assembly.GetManifestResourceStream("PodLife.Node.busybox-applets.txt")
            ?? throw new InvalidOperationException("busybox-applets.txt is not embedded");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#'))];
    });

    /// <summary>
    /// False when a process asks for a program the container's image certainly lacks: an image of the busybox userland
    /// holds busybox's applets, the binaries its catalog entry lists, its own entrypoint and command, the programs the
    /// catalog gives it, and the files put
    /// into it (a script in a volume). Of other images the simulation cannot know the programs, so any may exist, and a
    /// container's main process then keeps running whatever it runs, like a server.
    /// </summary>
    public static bool Exists(SimulatedProcess process, IReadOnlyList<string> argv) => Exists(process.Container, argv, process.WorkingDirectory);

    // The container's own program (its main process, not a command typed into its shell).
    static bool AsContainerProgram(SimulatedProcess process, ShellIo io) => process.IsMain && !io.Typed;

    /// <summary>False when the container's image certainly lacks <paramref name="argv"/>[0] (see the overload above).</summary>
    public static bool Exists(SimulatedContainer container, IReadOnlyList<string> argv, string? workingDirectory = null)
    {
        if (container.Image.Image.Userland != "busybox") return true;
        var name = Path.GetFileName(argv[0]);
        return BusyboxApplets.Value.Contains(name)
            || container.Image.Image.Binaries.Contains(name)
            || container.Catalog.FindProgram(name, [.. argv.Skip(1)]) is not null
            || container.Image.Image.Entrypoint.Concat(container.Image.Image.Cmd).Take(1).Any(p => Path.GetFileName(p) == name)
            || argv[0].Contains('/', StringComparison.Ordinal) && container.FileSystem.IsFile(ContainerFileSystem.Resolve(workingDirectory ?? container.WorkingDirectory, argv[0]));
    }

    /// <summary>
    /// runc's reason for a program the image lacks (by path, or by name on $PATH), as it ends exec and start errors.
    /// </summary>
    public static string MissingProgramReason(string program) => program.Contains('/', StringComparison.Ordinal)
        ? $"exec: \"{program}\": stat {program}: no such file or directory"
        : $"exec: \"{program}\": executable file not found in $PATH";

    /// <summary>True for a shell given no script and no command (<c>sh</c>, <c>/bin/bash -i</c>): it reads its input.</summary>
    public static bool IsBareShell(IReadOnlyList<string> argv) =>
        argv.Count > 0 && Shells.Contains(Path.GetFileName(argv[0]))
        && argv.Skip(1).All(a => a.StartsWith('-') && a.Length > 1 && !a.Contains('c'));

    /// <param name="process">The process the program runs in.</param>
    /// <param name="argv">Program and arguments.</param>
    /// <param name="io">Its standard streams.</param>
    /// <param name="exec">True when the program replaces the process image (so it decides signal handling).</param>
    public static async Task<int> RunAsync(SimulatedProcess process, IReadOnlyList<string> argv, ShellIo io, bool exec)
    {
        var name = Path.GetFileName(argv[0]);
        var args = argv.Skip(1).ToList();
        if (Shells.Contains(name))
        {
            return await RunShellAsync(process, name, args, io, exec).ConfigureAwait(false);
        }
        if (Utilities.Find(name) is { } utility)
        {
            if (exec) process.Role = SignalRole.NoHandler;
            return await utility(new UtilityCall(process, name, args, io)).ConfigureAwait(false);
        }
        if (process.Container.Catalog.FindProgram(name, args) is { } behavior)
        {
            if (exec) process.Role = behavior.StopExitCode is { } code ? new HandlerRole(code) : SignalRole.NoHandler;
            return await RunBehaviorAsync(process, behavior, args, io, exec).ConfigureAwait(false);
        }
        if (ScriptShell(process, argv[0]) is { } interpreter)
        {
            // A script with a shell's #! line (a ConfigMap's entrypoint script): the kernel runs it with that shell.
            return await RunShellAsync(process, interpreter, [argv[0], .. args], io, exec).ConfigureAwait(false);
        }
        if (!AsContainerProgram(process, io))
        {
            // Run by exec (probes, hooks), a program the simulation cannot know is assumed to succeed.
            return 0;
        }
        if (exec) process.Role = SignalRole.NoHandler;
        await process.DelayAsync(null).ConfigureAwait(false);
        return 0;
    }

    // The shell a script file's "#!" line names (#!/bin/sh, #!/usr/bin/env bash), if the file is one.
    static string? ScriptShell(SimulatedProcess process, string program)
    {
        if (!program.Contains('/', StringComparison.Ordinal)) return null;
        var text = process.Container.FileSystem.Read(ContainerFileSystem.Resolve(process.WorkingDirectory, program));
        if (text is null || !text.StartsWith("#!", StringComparison.Ordinal)) return null;
        var lineEnd = text.IndexOfAny(['\n', '\r']);
        var words = text[2..(lineEnd < 0 ? text.Length : lineEnd)].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var interpreter = words.Length > 1 && Path.GetFileName(words[0]) == "env" ? words[1] : words.FirstOrDefault() ?? "";
        return Shells.Contains(Path.GetFileName(interpreter)) ? Path.GetFileName(interpreter) : null;
    }

    static async Task<int> RunShellAsync(SimulatedProcess process, string name, List<string> args, ShellIo io, bool exec)
    {
        var shell = new ShellInterpreter(process, name);
        if (exec) process.Role = new ShellRole(shell);
        var options = args.TakeWhile(a => a.StartsWith('-') && a.Length > 1).ToList();
        var rest = args.Skip(options.Count).ToList();
        if (options.Any(o => o.Contains('c')))
        {
            if (rest.Count == 0)
            {
                io.Err.Write($"{name}: -c requires an argument\n");
                return 2;
            }
            shell.SetPositional(rest.Count > 1 ? rest[1] : name, rest.Skip(2).ToList());
            return await shell.RunScriptAsync(rest[0], io, execSingle: exec).ConfigureAwait(false);
        }
        if (rest.Count > 0)
        {
            var path = ContainerFileSystem.Resolve(process.WorkingDirectory, rest[0]);
            if (process.Container.FileSystem.Read(path) is not { } script)
            {
                io.Err.Write($"{name}: can't open '{rest[0]}': No such file or directory\n");
                return 127;
            }
            shell.SetPositional(rest[0], rest.Skip(1).ToList());
            return await shell.RunScriptAsync(script, io, execSingle: false).ConfigureAwait(false);
        }
        if (await io.ReadStdinAsync(process).ConfigureAwait(false) is { } input) return await shell.RunScriptAsync(input, io, execSingle: false).ConfigureAwait(false);
        // A shell without a script reads stdin: with no stdin attached it reads EOF and exits 0 at once. (A main process
        // with stdin open runs the lines it is sent: SimulatedContainer.Start.)
        return 0;
    }

    static async Task<int> RunBehaviorAsync(
        SimulatedProcess process, ProgramBehavior behavior, List<string> args, ShellIo io, bool exec)
    {
        if (behavior.RequireEnv.Count > 0 && !behavior.RequireEnv.Any(v => process.Env.GetValueOrDefault(v, "") != ""))
        {
            io.Err.Write(behavior.MissingEnvMessage.EndsWith('\n') ? behavior.MissingEnvMessage : behavior.MissingEnvMessage + "\n");
            return 1;
        }
        behavior.Stdout.ForEach(line => io.Out.Write(line + "\n"));
        behavior.Stderr.ForEach(line => io.Err.Write(line + "\n"));
        if (behavior.ExecArgs)
        {
            return args.Count == 0 ? 0 : await RunAsync(process, args, io, exec).ConfigureAwait(false);
        }
        process.Allocate(behavior.MemoryBytes);
        behavior.Listen.ForEach(process.Listen);
        try
        {
            await process.DelayAsync(behavior.ExitCode is null ? null : TimeSpan.FromSeconds(behavior.RunSeconds)).ConfigureAwait(false);
            return behavior.ExitCode ?? 0;
        }
        finally
        {
            behavior.Listen.ForEach(process.StopListening);
            process.Free(behavior.MemoryBytes);
        }
    }
}
