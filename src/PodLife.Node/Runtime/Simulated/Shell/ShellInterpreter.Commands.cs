using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated.Shell;

// Simple commands: assignments, redirections, the shell's own builtins, and everything else via ProgramRunner.
internal sealed partial class ShellInterpreter
{
    async Task<int> RunSimpleAsync(SimpleCommand command, ShellIo io, bool exec)
    {
        var words = await ExpandWordsAsync(command.Words).ConfigureAwait(false);
        var assignments = new List<(string Name, string Value)>();
        foreach (var (variable, value) in command.Assignments)
        {
            assignments.Add((variable, await ExpandJoinedAsync(value).ConfigureAwait(false)));
        }
        if (await RedirectAsync(command.Redirects, io).ConfigureAwait(false) is not { } redirected) return 1;
        if (words.Count == 0)
        {
            assignments.ForEach(a => process.Env[a.Name] = a.Value);
            return 0;
        }
        // VAR=value before a command sets it for that command only.
        var saved = assignments.Select(a => (a.Name, Old: process.Env.GetValueOrDefault(a.Name))).ToList();
        assignments.ForEach(a => process.Env[a.Name] = a.Value);
        try
        {
            return await RunWordsAsync(words, redirected, exec || IsProcessImage && words[0] == "exec").ConfigureAwait(false);
        }
        finally
        {
            foreach (var (variable, old) in saved)
            {
                if (old is null) process.Env.Remove(variable);
                else process.Env[variable] = old;
            }
        }
    }

    bool IsProcessImage => process.Role is ShellRole { Shell: var shell } && shell == this;

    async Task<int> RunWordsAsync(List<string> words, ShellIo io, bool exec)
    {
        var args = words.Skip(1).ToList();
        switch (words[0])
        {
            case "exit":
                throw new ShellExitException(args.Count > 0 && int.TryParse(args[0], out var code) ? code & 0xFF : LastStatus);
            case "export":
                foreach (var arg in args.Where(a => a.Contains('=')))
                {
                    process.Env[arg[..arg.IndexOf('=')]] = arg[(arg.IndexOf('=') + 1)..];
                }
                return 0;
            case "unset":
                args.ForEach(a => process.Env.Remove(a));
                return 0;
            case "set" or "shopt" or "ulimit" or "umask":
                return 0;
            case "cd":
                return ChangeDirectory(args, io);
            case "trap":
                return SetTrap(args);
            case "wait":
                return await WaitForJobsAsync().ConfigureAwait(false);
            case "exec" when args.Count == 0:
                return 0;
            case "exec" when !ProgramRunner.Exists(process, args):
                throw new ShellExitException(NotFound(args[0], io));
            case "exec":
                throw new ShellExitException(await ProgramRunner.RunAsync(process, args, io, exec).ConfigureAwait(false));
            default:
                return ProgramRunner.Exists(process, words)
                    ? await ProgramRunner.RunAsync(process, words, io, exec).ConfigureAwait(false)
                    : NotFound(words[0], io);
        }
    }

    // The shell's answer to a program the image lacks (busybox ash: "sh: nope: not found", status 127).
    int NotFound(string program, ShellIo io)
    {
        io.Err.Write($"{_shellName}: {program}: not found\n");
        return 127;
    }

    int ChangeDirectory(List<string> args, ShellIo io)
    {
        var target = ContainerFileSystem.Resolve(process.WorkingDirectory, args.Count > 0 ? args[0] : "/root");
        if (!process.Container.FileSystem.IsDirectory(target))
        {
            io.Err.Write($"{_shellName}: cd: can't cd to {args[0]}: No such file or directory\n");
            return 2;
        }
        process.WorkingDirectory = target;
        return 0;
    }

    int SetTrap(List<string> args)
    {
        if (args.Count < 2) return 0;
        var action = args[0] == "-" ? null : args[0];
        if (args.Skip(1).Any(s => s is "TERM" or "SIGTERM" or "15")) TermTrap = action;
        return 0;
    }

    async Task<int> WaitForJobsAsync()
    {
        while (_jobs.Any(j => !j.IsCompleted) && !_termPending)
        {
            var wait = _waiting = process.Block();
            foreach (var job in _jobs.Where(j => !j.IsCompleted))
            {
                _ = job.ContinueWith(_ => wait.Release(), TaskContinuationOptions.ExecuteSynchronously);
            }
            await wait.Task.ConfigureAwait(false);
            _waiting = null;
        }
        // Interrupted by a trapped signal, wait returns 128 + the signal number.
        return _termPending ? 128 + 15 : 0;
    }

    /// <summary>Applies redirections; null (after an error on stderr) when a target cannot be opened.</summary>
    async Task<ShellIo?> RedirectAsync(IReadOnlyList<Redirect> redirects, ShellIo io)
    {
        foreach (var redirect in redirects)
        {
            var target = await ExpandJoinedAsync(redirect.Target).ConfigureAwait(false);
            switch (redirect.Operator)
            {
                case ">&" or "1>&":
                    io = io with { Out = target == "2" ? io.Err : io.Out };
                    continue;
                case "2>&":
                    io = io with { Err = target == "1" ? io.Out : io.Err };
                    continue;
                case "<":
                    var input = process.Container.FileSystem.Read(Path(target));
                    if (input is null)
                    {
                        io.Err.Write($"{_shellName}: can't open {target}: no such file\n");
                        return null;
                    }
                    io = io with { Stdin = input };
                    continue;
            }
            if (OpenForWrite(target, redirect.Operator.EndsWith(">>", StringComparison.Ordinal), io) is not { } output)
            {
                io.Err.Write(process.Container.Userland.CannotCreateFile(target, process.Container.FileSystem.WriteError(Path(target))) + "\n");
                return null;
            }
            io = redirect.Operator switch
            {
                "2>" or "2>>" => io with { Err = output },
                "&>" => io with { Out = output, Err = output },
                _ => io with { Out = output },
            };
        }
        return io;
    }

    IOutput? OpenForWrite(string target, bool append, ShellIo io)
    {
        switch (target)
        {
            case "/dev/null":
                return NullOutput.Instance;
            case "/dev/stdout":
                return io.Out;
            case "/dev/stderr":
                return io.Err;
        }
        var path = Path(target);
        var fs = process.Container.FileSystem;
        return fs.Write(path, "", append: true) && (append || fs.Write(path, "", append: false))
            ? new FileOutput(fs, path)
            : null;
    }

    string Path(string target) => ContainerFileSystem.Resolve(process.WorkingDirectory, target);
}
