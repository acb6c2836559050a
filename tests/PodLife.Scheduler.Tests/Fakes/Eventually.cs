namespace PodLife.Scheduler.Tests.Fakes;

/// <summary>Waits for background services to reach a state; the wait is bounded and never the thing being measured.</summary>
public static class Eventually
{
    public static async Task True(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(5);
        }
    }
}
