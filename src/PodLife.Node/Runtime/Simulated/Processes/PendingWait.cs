namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>
/// A simulated process blocked on the clock or an event. Its task completes inline when released, so the process
/// resumes inside the scheduler's callback (under its gate) instead of on another thread.
/// </summary>
internal sealed class PendingWait
{
    // Continuations run synchronously on purpose: the whole simulation is one cooperative state machine.
    readonly TaskCompletionSource _completion = new();

    public ScheduledItem? Timer { get; set; }

    public Task Task => _completion.Task;

    public void Release()
    {
        Timer?.Cancel();
        _completion.TrySetResult();
    }

    public void Fail(Exception reason)
    {
        Timer?.Cancel();
        _completion.TrySetException(reason);
    }
}
