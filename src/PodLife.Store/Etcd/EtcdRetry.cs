using Grpc.Core;

namespace PodLife.Store.Etcd;

/// <summary>
/// Retries calls that etcd refused because a member is down or a leader election is under way,
/// and turns the remaining gRPC failures into store exceptions.
/// </summary>
static class EtcdRetry
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var delay = 20; ; delay = Math.Min(delay * 2, 500))
        {
            try { return await call(); }
            catch (RpcException ex) when (IsTransient(ex) && DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
            {
                await Task.Delay(delay, ct);
            }
            catch (RpcException ex) when (!IsCompacted(ex))
            {
                throw new StoreUnavailableException($"etcd store: {ex.Status.Detail} ({ex.StatusCode})", ex);
            }
        }
    }

    // "leader changed", "no leader", "request timed out" and unreachable members all come as Unavailable.
    public static bool IsTransient(RpcException ex) => ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    public static bool IsCompacted(RpcException ex) =>
        ex.StatusCode == StatusCode.OutOfRange && ex.Status.Detail.Contains("compacted", StringComparison.Ordinal);
}
