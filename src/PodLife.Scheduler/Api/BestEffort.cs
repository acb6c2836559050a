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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not the API's answer but a fault on this side (a body that could not be encoded, say): logged as an
            // error. The loop that called goes on: a scheduler that stops binding pods over a lost event or status
            // patch is far worse than the loss (kube-scheduler's event and status writes never stop its loop).
            logger.LogError(e, "{What} failed", what);
        }
    }
}
