namespace PodLife.Store.Watching;

/// <summary>
/// The most recent changes of a feed, in revision order, in a fixed-size circular buffer that
/// many watchers read at their own pace; a watcher that falls behind the buffer is told so
/// and reads the older part of the history from the backend instead.
/// </summary>
sealed class EventRing(int capacity, long completeAfter)
{
    readonly Lock _lock = new();
    readonly WatchEvent[] _events = new WatchEvent[capacity];
    long _count;                    // events ever appended; slot of event n is n % capacity
    long _head = completeAfter;     // every change with revision in (_floor, _head] is known
    long _floor = completeAfter;    // revision before the oldest buffered event
    TaskCompletionSource _changed = NewSignal();
    Exception? _failure;

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The revision up to which the feed is complete.</summary>
    public long Head { get { lock (_lock) return _head; } }

    /// <summary>Adds changes in revision order and declares the feed complete up to <paramref name="head"/>.</summary>
    public void Append(IReadOnlyList<WatchEvent> events, long head)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            foreach (var e in events)
            {
                if (_count >= _events.Length) _floor = _events[_count % _events.Length].Revision;
                _events[_count++ % _events.Length] = e;
            }
            _head = Math.Max(_head, head);
            changed = _changed;
            _changed = NewSignal();
        }
        changed.TrySetResult();
    }

    /// <summary>Ends the feed: readers get <paramref name="failure"/> once they have read what is buffered.</summary>
    public void Fail(Exception failure)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _failure = failure;
            changed = _changed;
        }
        changed.TrySetResult();
    }

    /// <summary>
    /// Changes under <paramref name="prefix"/> after revision <paramref name="after"/>, up to the head.
    /// Returns false when the buffer no longer reaches back to <paramref name="after"/>.
    /// <paramref name="next"/> is the revision to continue after (advances past changes to other keys).
    /// </summary>
    public bool TryRead(string prefix, long after, List<WatchEvent> into, out long next, out Task changed)
    {
        lock (_lock)
        {
            changed = _changed.Task;
            next = after;
            if (after < _floor) return false;
            if (after >= _head && _failure is not null) throw _failure;
            var first = Math.Max(0, _count - _events.Length);
            // Binary search for the first buffered event newer than `after`.
            long lo = first, hi = _count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_events[mid % _events.Length].Revision <= after) lo = mid + 1; else hi = mid;
            }
            for (var i = lo; i < _count; i++)
            {
                var e = _events[i % _events.Length];
                if (e.Kv.Key.StartsWith(prefix, StringComparison.Ordinal)) into.Add(e);
            }
            next = Math.Max(after, _head);
            return true;
        }
    }
}
