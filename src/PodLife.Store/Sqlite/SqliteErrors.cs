using Microsoft.Data.Sqlite;

namespace PodLife.Store.Sqlite;

/// <summary>Turns SQLite failures into <see cref="StoreUnavailableException"/>s that name the database file.</summary>
static class SqliteErrors
{
    public static StoreUnavailableException Wrap(string path, string doing, Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: 26 } => // SQLITE_NOTADB
            new($"store {path} is not a SQLite database (corrupt or foreign file); move it away or point --data-dir elsewhere", ex),
        SqliteException { SqliteErrorCode: 11 } => // SQLITE_CORRUPT
            new($"store {path} is corrupt: {ex.Message}; restore it from a backup", ex),
        SqliteException { SqliteErrorCode: 13 } => // SQLITE_FULL
            new($"store {path}: cannot {doing}: the disk is full", ex),
        SqliteException { SqliteErrorCode: 8 or 14 } or UnauthorizedAccessException => // SQLITE_READONLY, SQLITE_CANTOPEN, or a file of ours beside it
            new($"store {path}: cannot {doing}: the file or its directory is not writable ({ex.Message})", ex),
        _ => new($"store {path}: cannot {doing}: {ex.Message}", ex),
    };
}
