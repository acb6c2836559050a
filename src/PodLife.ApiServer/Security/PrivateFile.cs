using System.Text;

namespace PodLife.ApiServer.Security;

/// <summary>
/// Writes a file that holds a secret (a key, a token): readable by its owner alone from the moment it exists, and whole
/// or not at all. The text goes to a private file beside the target and is renamed over it, so a reader polling for the
/// file (kubectl, a script, `podlife bench startup`) or a start after a crash never sees half of it.
/// </summary>
public static class PrivateFile
{
    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        // A link (a ~/.kube/config kept in dotfiles) stays a link: its target is replaced.
        if (new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } linked) full = linked.FullName;
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Environment.ProcessId}.tmp";
        try
        {
            WriteCreated(temporary, FileMode.Create, text);
            File.Move(temporary, full, overwrite: true);
        }
        finally { File.Delete(temporary); }
    }

    /// <summary>
    /// Adds <paramref name="text"/> at the end of the file, which is created readable by its owner alone; one made
    /// readable by others (by an older version) is made private too.
    /// </summary>
    public static void Append(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        WriteCreated(path, FileMode.Append, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly);
    }

    const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // A file that is created gets the owner-only mode at once, not after its first bytes.
    static void WriteCreated(string path, FileMode mode, string text)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(text);
    }
}
