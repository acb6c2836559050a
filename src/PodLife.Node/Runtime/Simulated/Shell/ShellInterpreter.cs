using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated.Shell;

/// <summary>
/// A small POSIX shell: lists, <c>&amp;&amp;</c>/<c>||</c>, pipes, <c>while</c>/<c>until</c>/<c>for</c>/<c>if</c>,
/// redirections, expansions, background jobs with <c>wait</c>, and <c>trap … TERM</c>. It runs inside a
/// <see cref="SimulatedProcess"/> and waits only on the simulation clock.
/// </summary>
internal sealed partial class ShellInterpreter(SimulatedProcess process, string shellName)
{
    readonly List<Task> _jobs = [];
    readonly string _shellName = shellName;
    string _scriptName = shellName;
    IReadOnlyList<string> _positional = [];
    bool _termPending;
    PendingWait? _waiting;

    /// <summary>The <c>trap</c> action for TERM; "" ignores the signal, null means none is set.</summary>
    public string? TermTrap { get; private set; }

    public int LastStatus { get; private set; }

    public void SetPositional(string scriptName, IReadOnlyList<string> positional) =>
        (_scriptName, _positional) = (scriptName, positional);

    /// <summary>SIGTERM arrived: the trap runs after the current command, or at once if the shell is in <c>wait</c>.</summary>
    public void OnTerm()
    {
        if (TermTrap is not { Length: > 0 }) return;
        _termPending = true;
        _waiting?.Release();
    }

    /// <summary>Parses and runs a script; returns its exit status.</summary>
    /// <param name="execSingle">
    /// The shell is the process image: a script of one simple command replaces the shell (as dash and busybox do),
    /// so that command decides how the container reacts to signals.
    /// </param>
    public async Task<int> RunScriptAsync(string source, ShellIo io, bool execSingle)
    {
        CommandList script;
        try
        {
            script = ShellParser.Parse(source);
        }
        catch (ShellSyntaxException e)
        {
            io.Err.Write($"{_shellName}: {e.Message}\n");
            return 2;
        }
        try
        {
            return execSingle && script.Items is [(SimpleCommand single, false)]
                ? await RunSimpleAsync(single, io, exec: true).ConfigureAwait(false)
                : await RunListAsync(script, io).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return e.Code;
        }
        catch (ShellSyntaxException e)
        {
            // Errors found while running (such as bad arithmetic) end a non-interactive shell with status 2.
            io.Err.Write($"{_shellName}: {e.Message}\n");
            return 2;
        }
    }

    async Task<int> RunListAsync(CommandList list, ShellIo io)
    {
        var status = 0;
        foreach (var (command, background) in list.Items)
        {
            if (background)
            {
                _jobs.Add(RunJobAsync(command, io));
                status = 0;
            }
            else
            {
                status = LastStatus = await RunAsync(command, io).ConfigureAwait(false);
            }
            await RunPendingTrapAsync(io).ConfigureAwait(false);
        }
        return status;
    }

    async Task RunJobAsync(Command command, ShellIo io)
    {
        try
        {
            await RunAsync(command, io).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ShellExitException or ProcessExitException)
        {
            // A job that exits ends only itself; a dying process takes its jobs along.
        }
    }

    async Task RunPendingTrapAsync(ShellIo io)
    {
        if (!_termPending || TermTrap is null) return;
        _termPending = false;
        var trap = ShellParser.Parse(TermTrap);
        LastStatus = await RunListAsync(trap, io).ConfigureAwait(false);
    }

    async Task<int> RunAsync(Command command, ShellIo io)
    {
        await process.StepAsync().ConfigureAwait(false);
        switch (command)
        {
            case SimpleCommand simple:
                return await RunSimpleAsync(simple, io, exec: false).ConfigureAwait(false);
            case CommandList list:
                return await RunListAsync(list, io).ConfigureAwait(false);
            case AndOr andOr:
                var status = await RunAsync(andOr.First, io).ConfigureAwait(false);
                foreach (var (isAnd, next) in andOr.Rest)
                {
                    if ((status == 0) == isAnd) status = await RunAsync(next, io).ConfigureAwait(false);
                }
                return status;
            case Pipeline pipeline:
                return await RunPipelineAsync(pipeline, io).ConfigureAwait(false);
        }
        if (await RedirectAsync(CompoundRedirects(command), io).ConfigureAwait(false) is not { } redirected) return 1;
        return command switch
        {
            LoopCommand loop => await RunLoopAsync(loop, redirected).ConfigureAwait(false),
            IfCommand branches => await RunIfAsync(branches, redirected).ConfigureAwait(false),
            ForCommand each => await RunForAsync(each, redirected).ConfigureAwait(false),
            GroupCommand { Subshell: true } group => await RunSubshellAsync(group.Body, redirected).ConfigureAwait(false),
            GroupCommand group => await RunListAsync(group.Body, redirected).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"unexpected command {command.GetType().Name}"),
        };
    }

    async Task<int> RunPipelineAsync(Pipeline pipeline, ShellIo io)
    {
        var input = io.Stdin;
        var status = 0;
        for (var i = 0; i < pipeline.Commands.Count; i++)
        {
            var last = i == pipeline.Commands.Count - 1;
            var captured = new CapturedOutput();
            status = await RunAsync(pipeline.Commands[i], io with { Out = last ? io.Out : captured, Stdin = input, Input = i == 0 ? io.Input : null })
                .ConfigureAwait(false);
            input = captured.ToString();
        }
        return pipeline.Negated ? (status == 0 ? 1 : 0) : status;
    }

    async Task<int> RunLoopAsync(LoopCommand loop, ShellIo io)
    {
        var status = 0;
        while ((await RunListAsync(loop.Condition, io).ConfigureAwait(false) == 0) != loop.Until)
        {
            status = await RunListAsync(loop.Body, io).ConfigureAwait(false);
            await process.StepAsync().ConfigureAwait(false);
        }
        return status;
    }

    async Task<int> RunIfAsync(IfCommand command, ShellIo io)
    {
        foreach (var (condition, body) in command.Branches)
        {
            if (await RunListAsync(condition, io).ConfigureAwait(false) == 0)
            {
                return await RunListAsync(body, io).ConfigureAwait(false);
            }
        }
        return command.Else is null ? 0 : await RunListAsync(command.Else, io).ConfigureAwait(false);
    }

    async Task<int> RunForAsync(ForCommand command, ShellIo io)
    {
        var status = 0;
        var items = command.Items.Count == 0 ? _positional : await ExpandWordsAsync(command.Items).ConfigureAwait(false);
        foreach (var item in items)
        {
            process.Env[command.Variable] = item;
            status = await RunListAsync(command.Body, io).ConfigureAwait(false);
        }
        return status;
    }

    async Task<int> RunSubshellAsync(CommandList body, ShellIo io)
    {
        try
        {
            return await RunListAsync(body, io).ConfigureAwait(false);
        }
        catch (ShellExitException e)
        {
            return e.Code;
        }
    }

    static IReadOnlyList<Redirect> CompoundRedirects(Command command) => command switch
    {
        LoopCommand c => c.Redirects,
        IfCommand c => c.Redirects,
        ForCommand c => c.Redirects,
        GroupCommand c => c.Redirects,
        _ => [],
    };
}
