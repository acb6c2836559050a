using Grpc.Core;
using PodLife.Node.Runtime;

namespace PodLife.Node.Cri;

/// <summary>Turns gRPC failures into <see cref="ContainerRuntimeException"/>s, worded as kubelet prints CRI errors.</summary>
internal static class CriCalls
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            throw new OperationCanceledException(e.Status.Detail, e);
        }
        catch (RpcException e)
        {
            throw Translate(e);
        }
    }

    public static Task RunAsync(Func<Task> call) => RunAsync(async () =>
    {
        await call().ConfigureAwait(false);
        return true;
    });

    /// <summary>The call's result, or default when the runtime says the object is not there.</summary>
    public static async Task<T?> OrDefaultIfNotFoundAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await RunAsync(call).ConfigureAwait(false);
        }
        catch (ContainerRuntimeException e) when (e.Code == RuntimeErrorCode.NotFound)
        {
            return default;
        }
    }

    static ContainerRuntimeException Translate(RpcException e)
    {
        var code = (RuntimeErrorCode)(int)e.StatusCode;
        // containerd reports an exec that outlived its timeout as Unknown with Go's context error in the text.
        if (e.Status.Detail.Contains("deadline exceeded", StringComparison.Ordinal)) code = RuntimeErrorCode.DeadlineExceeded;
        return new ContainerRuntimeException(Enum.IsDefined(code) ? code : RuntimeErrorCode.Unknown, e.Status.Detail);
    }
}
