using Microsoft.Extensions.Logging;

namespace PodLife.Scheduler.Api;

/// <summary>Runs an API write whose failure must not stop the loop (events, status patches): it is logged, and the next pass retries what still matters.</summary>
public static class BestEffort
{
    public static async Task RunAsync(Func<Task> call, ILogger logger, string what)
    {
        try
        {
            await call();
        }
        catch (ClusterApiException e)
        {
            logger.LogWarning(e, "{What} failed with {Status}", what, e.StatusCode);
        }
    }
}
