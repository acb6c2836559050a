using PodLife.Node.Runtime.Simulated.Images;
using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated;

/// <summary>One simulated container: its file system, log, main process and execs, state and exit.</summary>
internal sealed class SimulatedContainer
{
    readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<SimulatedProcess> _execs = [];
    readonly Action<SimulatedContainer, ContainerEventType> _publish;
    readonly long _memoryLimit;
    Dictionary<string, string>? _environment;
    long _memoryUsed;
    ScheduledItem? _killTimer;
    DateTimeOffset? _startedAt, _finishedAt;
    int _exitCode;
    string _reason = "", _message = "";

    public SimulatedContainer(
        string id, SimulatedSandbox sandbox, ContainerConfig config, ResolvedImage image, SimulatedRuntimeOptions options,
        SimulationScheduler scheduler, Func<string, (FileTree Tree, string Root)> hostDirectory, Action<SimulatedContainer, ContainerEventType> publish,
        IClusterNetwork network)
    {
        (Id, Sandbox, Config, Image, Scheduler, _publish, Network) = (id, sandbox, config, image, scheduler, publish, network);
        Catalog = options.Catalog;
        CreatedAt = scheduler.Now;
        WorkingDirectory = config.WorkingDir ?? image.Image.WorkingDir;
        FileSystem = new ContainerFileSystem(image.Image.Files, WorkingDirectory, sandbox.PodFiles, sandbox.PodFile);
        foreach (var mount in config.Mounts)
        {
            var (tree, root) = hostDirectory(mount.HostPath);
            FileSystem.Mount(ContainerFileSystem.Resolve("/", mount.ContainerPath), tree, mount.ReadOnly, root);
        }
        Log = new ContainerLog(() => scheduler.Now, options.MaxLogLines);
        _memoryLimit = config.MemoryLimitBytes ?? options.NodeMemoryBytes;
    }

    public string Id { get; }

    /// <summary>
    /// The environment its processes start with: the image's, HOSTNAME, then the container's own (service variables
    /// included). Made on first use: a sleeping container never reads it, and at 100,000 pods a copy each is megabytes.
    /// </summary>
    public Dictionary<string, string> Environment
    {
        get
        {
            if (_environment is not null) return _environment;
            var environment = new Dictionary<string, string>(Image.Image.Env) { ["HOSTNAME"] = Sandbox.Hostname };
            foreach (var (name, value) in Config.Env) environment[name] = value;
            return _environment = environment;
        }
    }

    public SimulatedSandbox Sandbox { get; }

    public ContainerConfig Config { get; }

    public ResolvedImage Image { get; }

    public ImageCatalog Catalog { get; }

    /// <summary>The cluster network the container's programs reach other pods and services through.</summary>
    public IClusterNetwork Network { get; }

    public SimulationScheduler Scheduler { get; }

    public ContainerFileSystem FileSystem { get; }

    public ContainerLog Log { get; }

    public string WorkingDirectory { get; }

    public string Hostname => Sandbox.Hostname;

    public Userland Userland => Image.Userland;

    public ContainerState State { get; private set; } = ContainerState.Created;

    public DateTimeOffset CreatedAt { get; }

    public SimulatedProcess? Main { get; private set; }

    /// <summary>The main process's stdin when the container keeps one open (spec stdin): what attached clients type.</summary>
    public StreamedInput? MainInput { get; private set; }

    public Task Exited => _exited.Task;

    public void Start(IReadOnlyList<string> argv)
    {
        State = ContainerState.Running;
        _startedAt = Scheduler.Now;
        _publish(this, ContainerEventType.Started);
        MainInput = Config.Stdin ? new StreamedInput() : null;
        // On a terminal stderr is the terminal too: the runtime logs everything as stdout.
        Main = new SimulatedProcess(this, new ShellIo(Log.Stdout, Config.Tty ? Log.Stdout : Log.Stderr, Input: MainInput), isMain: true);
        // `kubectl run -i[t] … -- sh`: a bare shell with stdin runs each line it is sent (on a terminal, after a prompt).
        if (MainInput is { } input && ProgramRunner.IsBareShell(argv))
            _ = Main.RunAsync(shell => new Shell.ShellInterpreter(shell, Path.GetFileName(argv[0])).RunInteractiveAsync(input, shell.Io, interactive: Config.Tty));
        else _ = Main.RunAsync(argv);
    }

    /// <summary>
    /// The start failed before any process ran (containerd's StartError): exited with 128 and the runtime's message, and
    /// no start time.
    /// </summary>
    public void FailStart(string message)
    {
        State = ContainerState.Exited;
        _finishedAt = Scheduler.Now;
        (_exitCode, _reason, _message) = (128, ContainerReasons.StartError, message);
        Log.Close();
        _exited.TrySetResult();
        _publish(this, ContainerEventType.Stopped);
    }

    /// <summary>SIGTERM now, SIGKILL after <paramref name="timeout"/>; completes when the container has exited.</summary>
    public Task Stop(TimeSpan timeout)
    {
        if (State == ContainerState.Running && Main is { } main)
        {
            if (timeout <= TimeSpan.Zero) main.Exit(128 + 9);
            else main.Terminate();
            if (State == ContainerState.Running) _killTimer ??= Scheduler.Schedule(timeout, () => main.Exit(128 + 9));
        }
        return State == ContainerState.Created ? Task.CompletedTask : _exited.Task;
    }

    /// <summary>Runs a command beside the main process (ExecSync); fails after <paramref name="timeout"/>.</summary>
    public Task<ExecResult> Exec(IReadOnlyList<string> command, TimeSpan timeout)
    {
        var result = new TaskCompletionSource<ExecResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (stdout, stderr) = (new CapturedOutput(), new CapturedOutput());
        var process = NewExec(new ShellIo(stdout, stderr));
        var timer = timeout <= TimeSpan.Zero ? null : Scheduler.Schedule(timeout, () =>
        {
            result.TrySetException(new ContainerRuntimeException(RuntimeErrorCode.DeadlineExceeded,
                $"failed to exec in container: timeout {PodLife.Core.Printing.GoDuration.Format(timeout)} exceeded: context deadline exceeded"));
            process.Exit(128 + 9);
        });
        _ = RunExecAsync();
        return result.Task;

        async Task RunExecAsync()
        {
            var (exitCode, _) = await process.RunAsync(command).ConfigureAwait(false);
            timer?.Cancel();
            result.TrySetResult(new ExecResult(exitCode, stdout.ToString(), stderr.ToString()));
        }
    }

    /// <summary>A process beside the main one (an exec), with the container's environment; the caller runs it.</summary>
    public SimulatedProcess NewExec(ShellIo io)
    {
        var process = new SimulatedProcess(this, io, isMain: false);
        _execs.Add(process);
        return process;
    }

    public void OnProcessExit(SimulatedProcess process, int exitCode, bool oomKilled)
    {
        _execs.Remove(process);
        if (process != Main) return;
        _killTimer?.Cancel();
        State = ContainerState.Exited;
        _finishedAt = Scheduler.Now;
        _exitCode = exitCode;
        _reason = oomKilled ? ContainerReasons.OomKilled : exitCode == 0 ? ContainerReasons.Completed : ContainerReasons.Error;
        _message = Config.TerminationMessagePath is { } path ? FileSystem.Read(path) ?? "" : "";
        foreach (var exec in _execs.ToList()) exec.Exit(128 + 9);
        Log.Close();
        _exited.TrySetResult();
        _publish(this, ContainerEventType.Stopped);
    }

    public void UseMemory(SimulatedProcess process, long bytes)
    {
        _memoryUsed += bytes;
        if (_memoryUsed <= _memoryLimit) return;
        // The kernel's OOM killer ends the container's process; the caller unwinds with it.
        Main?.Exit(128 + 9, oomKilled: true);
        throw new ProcessExitException(128 + 9, oomKilled: true);
    }

    public void ReleaseMemory(long bytes) => _memoryUsed -= bytes;

    /// <summary>What listens on <paramref name="port"/> in this container, if anything.</summary>
    public (ListenSpec Spec, DateTimeOffset Since)? Listener(int port) =>
        new[] { Main }.Concat(_execs).Where(p => p is { HasExited: false })
            .SelectMany(p => p!.Listening).Where(l => l.Spec.Port == port)
            .Select(l => ((ListenSpec, DateTimeOffset)?)l).FirstOrDefault();

    public ContainerStatus Status() => new(
        Id, Sandbox.Id, Config, State, CreatedAt, _startedAt, _finishedAt, _exitCode, _reason, _message,
        Image.FullName, Image.RepoDigest);
}
