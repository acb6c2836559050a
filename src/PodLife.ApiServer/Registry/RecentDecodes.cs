using PodLife.Store;

namespace PodLife.ApiServer.Registry;

/// <summary>
/// The decoded and encoded form of the most recent changes, shared by every watcher that sends them. Watchers of a
/// prefix get the very same change objects from the store's ring and read a change within moments of each other, so a
/// small table keyed by revision serves the fan-out; a watcher far behind decodes again. Unlike a table tied to the
/// lifetime of the change objects, it does not keep a parsed tree alive for every change the store's rings still hold.
/// </summary>
sealed class RecentDecodes(int slots = 1024)
{
    sealed record Slot(KeyValue Kv, StoredObject Decoded);

    readonly Slot?[] _slots = new Slot?[slots];

    public StoredObject Get(ResourceDefinition def, KeyValue kv)
    {
        var index = (int)((ulong)kv.ModRevision % (ulong)_slots.Length);
        if (Volatile.Read(ref _slots[index]) is { } slot && ReferenceEquals(slot.Kv, kv)) return slot.Decoded;
        var decoded = StoredObject.FromStore(def, kv);
        Volatile.Write(ref _slots[index], new Slot(kv, decoded));
        return decoded;
    }
}
