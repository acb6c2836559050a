using System.Runtime.InteropServices;
using PodLife.Cli;

namespace PodLife.E2E.Tests;

public class SignalHandlingTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    public void TheFirstSignalAsksForACleanStopAndKeepsTheProcess(PosixSignal signal)
    {
        var handling = new SignalHandling();
        var first = new PosixSignalContext(signal);

        handling.OnSignal(first);

        Assert.True(first.Cancel);
        Assert.True(handling.Token.IsCancellationRequested);
    }

    [Fact]
    public void ASecondSignalWhileStoppingIsLeftToItsDefaultActionThatEndsTheProcess()
    {
        var handling = new SignalHandling();
        handling.OnSignal(new PosixSignalContext(PosixSignal.SIGINT));
        var second = new PosixSignalContext(PosixSignal.SIGTERM);

        handling.OnSignal(second);

        Assert.False(second.Cancel);
    }
}
