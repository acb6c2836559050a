using System.Runtime.InteropServices;
using PodLife.Cli;

namespace PodLife.E2E.Tests;

public class SignalHandlingTests
{
    readonly List<int> _exits = [];

    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    public void TheFirstSignalAsksForACleanStopAndKeepsTheProcess(PosixSignal signal)
    {
        var handling = new SignalHandling(_exits.Add);
        var first = new PosixSignalContext(signal);

        handling.OnSignal(first);

        Assert.True(first.Cancel);
        Assert.True(handling.Token.IsCancellationRequested);
        Assert.Empty(_exits);
    }

    [Theory]
    [InlineData(PosixSignal.SIGINT, 130)]
    [InlineData(PosixSignal.SIGTERM, 143)]
    public void ASecondSignalWhileStoppingEndsTheProcessWithTheShellsCodeForThatSignal(PosixSignal second, int exitCode)
    {
        var handling = new SignalHandling(_exits.Add);
        handling.OnSignal(new PosixSignalContext(PosixSignal.SIGINT));

        handling.OnSignal(new PosixSignalContext(second));

        Assert.Equal([exitCode], _exits);
    }
}
