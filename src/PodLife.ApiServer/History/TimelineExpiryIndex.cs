using System.Collections.Concurrent;

namespace PodLife.ApiServer.History;

/// <summary>
/// The timelines whose pods are deleted, with when: all the retention sweep has to look at, so that it never reads the
/// timelines of live pods. Fed by what the store says about each timeline at a revision (this server's writes, one scan
/// at start-up and a watch of everyone's writes), in any order: a report older than the one held changes nothing.
/// </summary>
/// <remarks>
/// The index may hold a timeline that is no longer deleted (a pod of the same name was created since): the sweep reads
/// each timeline it finds due before deleting it, so such an entry costs one read and is dropped. It never loses a deleted
/// one: an entry goes only on news newer than its own.
/// </remarks>
public sealed class TimelineExpiryIndex
{
    /// <summary>A deleted pod's timeline as last seen: at which revision, deleted when.</summary>
    public readonly record struct Candidate(long Revision, DateTimeOffset DeletedAt);

    readonly ConcurrentDictionary<string, Candidate> _deleted = new(StringComparer.Ordinal);

    /// <summary>How many timelines the index holds as deleted.</summary>
    public int Count => _deleted.Count;

    /// <summary>The timeline under <paramref name="key"/> was, at <paramref name="revision"/>, deleted at <paramref name="deletedAt"/> (null: its pod lives).</summary>
    public void Saw(string key, long revision, DateTimeOffset? deletedAt)
    {
        while (true)
        {
            if (_deleted.TryGetValue(key, out var held))
            {
                if (held.Revision >= revision) return;
                var done = deletedAt is { } at
                    ? _deleted.TryUpdate(key, new(revision, at), held)
                    : _deleted.TryRemove(new(key, held));
                if (done) return;
            }
            else
            {
                if (deletedAt is not { } at || _deleted.TryAdd(key, new(revision, at))) return;
            }
        }
    }

    /// <summary>The timeline under <paramref name="key"/> is gone from the store as of <paramref name="revision"/>.</summary>
    public void Gone(string key, long revision) => Saw(key, revision, null);

    /// <summary>Drops the timeline under <paramref name="key"/> unless something newer than <paramref name="seen"/> came meanwhile.</summary>
    public void Drop(string key, Candidate seen) => _deleted.TryRemove(new(key, seen));

    /// <summary>The timelines whose pods were deleted at least <paramref name="retention"/> before <paramref name="now"/>.</summary>
    public List<KeyValuePair<string, Candidate>> Due(DateTimeOffset now, TimeSpan retention)
    {
        var due = new List<KeyValuePair<string, Candidate>>();
        foreach (var entry in _deleted)
            if (now - entry.Value.DeletedAt >= retention) due.Add(entry);
        return due;
    }
}
