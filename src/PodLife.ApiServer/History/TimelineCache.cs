using System.Collections.Concurrent;
using PodLife.Core.History;

namespace PodLife.ApiServer.History;

/// <summary>
/// The recorder's parsed timelines, at most <c>capacity</c> of them: when full, a new one takes the place of one that
/// was not used since the clock hand last passed it (CLOCK, an approximation of least-recently-used), so a burst of
/// new pods evicts a few cold timelines rather than dropping every one. A timeline that will hardly be written again
/// (its pod is deleted) is marked cold: the hand takes it the next time it passes.
/// </summary>
/// <remarks>
/// Reads take no lock (a hit only sets the slot's used bit); adding, replacing and forgetting take one short lock.
/// The recorder reads and writes one key at a time (one flush or sweep step at a time), so a key's entry never races
/// with itself.
/// </remarks>
public sealed class TimelineCache(int capacity)
{
    /// <summary>A cached timeline and the store revision it was written at.</summary>
    public sealed record Entry(long Revision, PodTimeline Timeline);

    sealed class Slot(string key, int position)
    {
        public string Key { get; } = key;
        public int Position { get; } = position;
        public volatile Entry? Value;
        public volatile bool Used;
    }

    readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    // The clock face: every slot at its position; null where a forgotten one left room.
    readonly List<Slot?> _face = [];
    readonly Stack<int> _free = new();
    readonly Lock _lock = new();
    int _hand;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>How many timelines are cached.</summary>
    public int Count => _slots.Count;

    /// <summary>How many cached timelines made room for others.</summary>
    public long Evictions { get; private set; }

    public bool TryGet(string key, out Entry entry)
    {
        if (_slots.TryGetValue(key, out var slot) && slot.Value is { } value)
        {
            if (!slot.Used) slot.Used = true;
            entry = value;
            return true;
        }
        entry = null!;
        return false;
    }

    /// <summary>
    /// Caches <paramref name="entry"/> under <paramref name="key"/>, marked used: it stays until the hand has passed it
    /// twice without its being used again. A <paramref name="cold"/> one (its pod deleted, hardly to be written again) is
    /// left unused, so the hand takes it the next time it passes, and is not added if it was not cached: it would only
    /// push out a live pod's timeline.
    /// </summary>
    public void Set(string key, Entry entry, bool cold = false)
    {
        lock (_lock)
        {
            if (_slots.TryGetValue(key, out var slot))
            {
                slot.Value = entry;
                slot.Used = !cold;
                return;
            }
            if (cold) return;
            slot = new Slot(key, Room()) { Value = entry, Used = true };
            _face[slot.Position] = slot;
            _slots[key] = slot;
        }
    }

    public void Forget(string key)
    {
        lock (_lock)
        {
            if (!_slots.TryRemove(key, out var slot)) return;
            _face[slot.Position] = null;
            _free.Push(slot.Position);
        }
    }

    // A free position: one left by a forgotten timeline, a new one below the capacity, else the first unused one the
    // hand comes to (clearing the used bits it passes; it finds one within one turn).
    int Room()
    {
        if (_free.TryPop(out var free)) return free;
        if (_face.Count < Capacity)
        {
            _face.Add(null);
            return _face.Count - 1;
        }
        while (true)
        {
            var position = _hand;
            _hand = (_hand + 1) % _face.Count;
            var slot = _face[position]!;
            if (slot.Used)
            {
                slot.Used = false;
                continue;
            }
            _slots.TryRemove(slot.Key, out _);
            Evictions++;
            return position;
        }
    }
}
