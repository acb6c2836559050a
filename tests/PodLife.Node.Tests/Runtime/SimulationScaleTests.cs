using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using PodLife.Node.Runtime;
using PodLife.Node.Runtime.Simulated;

namespace PodLife.Node.Tests.Runtime;

public sealed class SimulationScaleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FiveThousandContainersSleepingAndLoopingOnOneClockStayCheap()
    {
        const int Containers = 5_000;
        var clock = new TimerCountingClock(RuntimeHarness.Start);
        using var runtime = new SimulatedRuntime(clock, new SimulatedRuntimeOptions { PodCidr = "10.0.0.0/16" });
        var pull = runtime.PullImageAsync("busybox:1.36", RuntimeHarness.Token);
        clock.Advance(TimeSpan.FromSeconds(1));
        await pull;
        var threads = Process.GetCurrentProcess().Threads.Count;
        var watch = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < Containers; i++)
        {
            var pod = RuntimeHarness.Pod("p" + i);
            var sandbox = await runtime.RunPodSandboxAsync(pod, RuntimeHarness.Token);
            string[] command = i % 2 == 0 ? ["sleep", "3600"] : ["sh", "-c", "while true; do echo tick; sleep 5; done"];
            var id = await runtime.CreateContainerAsync(sandbox, new ContainerConfig("c", 0, "busybox:1.36", command, []), pod, RuntimeHarness.Token);
            await runtime.StartContainerAsync(id, RuntimeHarness.Token);
            ids.Add(id);
        }
        var started = watch.Elapsed;

        for (var second = 0; second < 60; second++) clock.Advance(TimeSpan.FromSeconds(1));
        var simulated = watch.Elapsed - started;

        var statuses = await runtime.ListContainersAsync(cancellationToken: RuntimeHarness.Token);
        Assert.Equal(Containers, statuses.Count(s => s.State == ContainerState.Running));
        Assert.Equal(13, (await runtime.ReadLogAsync(ids[1], RuntimeHarness.Token)).Count);
        Assert.Empty(await runtime.ReadLogAsync(ids[0], RuntimeHarness.Token));
        output.WriteLine($"start {Containers} containers: {started.TotalMilliseconds:0} ms; simulate 60 s: {simulated.TotalMilliseconds:0} ms");
        // Cheap by construction: one clock timer for the whole runtime and no thread per container.
        Assert.Equal(1, clock.TimersCreated);
        Assert.InRange(Process.GetCurrentProcess().Threads.Count, 0, threads + 20);
        // Wall-clock bounds stay loose: the machine is shared; a thread or busy loop per container would still blow them.
        Assert.True(started + simulated < TimeSpan.FromSeconds(90), $"starting took {started}, simulating {simulated}");
    }

    sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public int TimersCreated { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return base.CreateTimer(callback, state, dueTime, period);
        }
    }
}
