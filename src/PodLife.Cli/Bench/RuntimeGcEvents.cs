using System.Diagnostics.Tracing;

namespace PodLife.Cli.Bench;

/// <summary>
/// The runtime's GC events, from one listener for the life of the process, handed to whoever subscribed. Each
/// EventListener of runtime events runs an EventPipe session, and ending one (disposing its listener) while the runtime
/// writes events has had crash bugs (dotnet/runtime issues 76430, 103480, 122630); `bench all` measured several runs in
/// one process with a listener each, and one of its runs died of a corrupted native heap as a run ended. One session,
/// started once and never ended, takes that out of the benchmarks.
/// </summary>
public sealed class RuntimeGcEvents : EventListener
{
    const int GcKeyword = 0x1;
    static readonly Lazy<RuntimeGcEvents> Instance = new(() => new RuntimeGcEvents());

    readonly Lock _lock = new();
    Action<EventWrittenEventArgs>[] _subscribers = [];

    public static RuntimeGcEvents Shared => Instance.Value;

    public void Subscribe(Action<EventWrittenEventArgs> handler)
    {
        lock (_lock) _subscribers = [.. _subscribers, handler];
    }

    public void Unsubscribe(Action<EventWrittenEventArgs> handler)
    {
        lock (_lock) _subscribers = [.. _subscribers.Where(h => h != handler)];
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Informational, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        // The array is replaced, never changed: a handler removed meanwhile may get this one event more.
        foreach (var handler in Volatile.Read(ref _subscribers)) handler(e);
    }
}
