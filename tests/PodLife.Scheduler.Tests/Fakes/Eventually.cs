namespace PodLife.Scheduler.Tests.Fakes;

/// <summary>Waits for background services to reach a state; the wait is bounded and never the thing being measured.</summary>
public static class Eventually
{
    public static Task True(Func<bool> condition, string what) => True(() => Task.FromResult(condition()), what);

    /// <summary>The same for a condition that asks the API (polled every 5 ms, one call at a time).</summary>
    public static async Task True(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
