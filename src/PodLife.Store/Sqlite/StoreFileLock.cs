namespace PodLife.Store.Sqlite;

/// <summary>
/// One process at a time writes a store: an exclusive lock on a file beside the database, held while the store is
/// open and released by the kernel when the process ends however it ends. Two servers on one data directory would each
/// count revisions on their own; the second is refused instead.
/// </summary>
sealed class StoreFileLock : IDisposable
{
    // Linux's EWOULDBLOCK: flock's refusal, which .NET's IOException carries as its HResult.
    const int WouldBlock = 11;

    readonly FileStream _file;

    StoreFileLock(FileStream file) => _file = file;

    public static StoreFileLock Take(string databasePath)
    {
        var path = databasePath + ".lock";
        try
        {
            // FileShare.None is an exclusive flock on Unix: a second holder, in this process or another, is refused.
            return new StoreFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex) when (ex.HResult == WouldBlock)
        {
            throw new StoreUnavailableException(
                $"store {databasePath} is in use by another process (a podlife server with the same --data-dir?); stop it or point --data-dir elsewhere", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw SqliteErrors.Wrap(databasePath, "open", ex);
        }
    }

    public void Dispose() => _file.Dispose();
}
