using Microsoft.Data.Sqlite;

namespace PodLife.Store.Sqlite;

/// <summary>Reads watch events back from the log table for watchers that resume from an older revision.</summary>
static class SqliteHistory
{
    /// <summary>
    /// Up to <paramref name="limit"/> changes under the prefix in (after, upTo], and the revision to continue after.
    /// Runs inside the caller's read transaction. Throws <see cref="CompactedException"/> when part of that range has been compacted away.
    /// </summary>
    public static (List<WatchEvent> Events, long Next) ReadPage(SqliteConnection db, string from, string to, long after, long upTo, int limit)
    {
        var (_, compacted) = SqliteSchema.ReadRevisions(db);
        if (after < compacted) throw new CompactedException(after, compacted);

        var events = new List<WatchEvent>();
        using var c = SqliteStore.Command(db, SqliteSql.Changes, ("$after", after), ("$upto", upTo), ("$from", from), ("$to", to), ("$limit", limit));
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var (id, name, created, deleted) = (r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3) == 1);
            var kv = new KeyValue(name, (byte[])r[4], created, id);
            var previous = r.IsDBNull(5) ? null : new KeyValue(name, (byte[])r[5], created, r.GetInt64(6));
            var type = deleted ? WatchEventType.Deleted : created == id ? WatchEventType.Added : WatchEventType.Modified;
            events.Add(new WatchEvent(type, kv, type == WatchEventType.Added ? null : previous));
        }
        // A short page means the range is exhausted, including changes to keys outside the prefix.
        return (events, events.Count < limit ? upTo : events[^1].Revision);
    }
}
