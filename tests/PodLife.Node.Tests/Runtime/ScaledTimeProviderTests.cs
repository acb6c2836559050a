using Microsoft.Extensions.Time.Testing;
using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Tests.Runtime;

public sealed class ScaledTimeProviderTests
{
    [Fact]
    public void TimeOnAScaledClockPassesSpeedTimesFaster()
    {
        var real = new FakeTimeProvider(RuntimeHarness.Start);
        var fast = new ScaledTimeProvider(real, 10);
        var timestamp = fast.GetTimestamp();

        real.Advance(TimeSpan.FromSeconds(1.5));

        Assert.Equal(RuntimeHarness.Start.AddSeconds(15), fast.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(15), fast.GetElapsedTime(timestamp));
    }

    [Fact]
    public void ASimulatedTimeMapsBackToTheRealMomentItHappened()
    {
        var real = new FakeTimeProvider(RuntimeHarness.Start);
        var fast = new ScaledTimeProvider(real, 10);
        real.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(RuntimeHarness.Start.AddSeconds(3), fast.ToReal(fast.GetUtcNow()));
        Assert.Equal(RuntimeHarness.Start.AddSeconds(1.5), fast.ToReal(RuntimeHarness.Start.AddSeconds(15)));
    }

    [Fact]
    public void ATimerOnAScaledClockFiresAfterItsDueTimeDividedBySpeed()
    {
        var real = new FakeTimeProvider(RuntimeHarness.Start);
        var fast = new ScaledTimeProvider(real, 10);
        var fired = 0;
        using var timer = fast.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);

        real.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, fired);
    }

    [Fact]
    public async Task ASimulatedSleepOnATenfoldClockTakesATenthOfTheTime()
    {
        var real = new FakeTimeProvider(RuntimeHarness.Start);
        using var runtime = new SimulatedRuntime(new ScaledTimeProvider(real, 10));
        var pod = RuntimeHarness.Pod();
        var pull = runtime.PullImageAsync("busybox:1.36", RuntimeHarness.Token);
        real.Advance(TimeSpan.FromSeconds(1));
        await pull;
        var sandbox = await runtime.RunPodSandboxAsync(pod, RuntimeHarness.Token);
        var id = await runtime.CreateContainerAsync(sandbox, new ContainerConfig("c", 0, "busybox:1.36", ["sleep", "30"], []), pod, RuntimeHarness.Token);
        await runtime.StartContainerAsync(id, RuntimeHarness.Token);

        real.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(ContainerState.Running, (await runtime.ContainerStatusAsync(id, RuntimeHarness.Token)).State);
        real.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(ContainerState.Exited, (await runtime.ContainerStatusAsync(id, RuntimeHarness.Token)).State);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ASpeedThatIsNotAPositiveNumberIsRejected(double speed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(TimeProvider.System, speed));

        Assert.StartsWith("speed must be a positive number", error.Message);
    }
}
