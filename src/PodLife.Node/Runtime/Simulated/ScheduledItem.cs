namespace PodLife.Node.Runtime.Simulated;

/// <summary>One piece of work waiting in the <see cref="SimulationScheduler"/>; cancelling it means it never runs.</summary>
internal sealed class ScheduledItem(Action action)
{
    public bool IsCancelled { get; private set; }

    public void Cancel() => IsCancelled = true;

    public void Run()
    {
        if (!IsCancelled)
        {
            IsCancelled = true;
            action();
        }
    }
}
