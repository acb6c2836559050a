using System.Runtime.ExceptionServices;

namespace PodLife.Core.Hosting;

/// <summary>Work that one request waits for, shared out among the machine's cores.</summary>
public static class EveryCore
{
    /// <summary>
    /// Calls <paramref name="part"/> with one contiguous range of [0, <paramref name="count"/>) per core (the calling
    /// thread takes one) and returns when every range is done. A range's exception is thrown as itself, as it would have
    /// been from a loop on the calling thread.
    /// </summary>
    public static void Split(int count, Action<int, int> part)
    {
        var parts = Math.Min(Environment.ProcessorCount, count);
        if (parts <= 1)
        {
            part(0, count);
            return;
        }
        try
        {
            Parallel.For(0, parts, p => part(count * p / parts, count * (p + 1) / parts));
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
        }
    }
}
