using System.Text;

namespace PodLife.Node.Runtime.Simulated.Processes;

/// <summary>One member of a tar archive: a directory (its name ends without the slash) or a text file.</summary>
internal sealed record TarEntry(string Name, bool IsDirectory, string Content = "");

/// <summary>
/// The ustar archive format (POSIX.1-1988; what busybox tar writes and what <c>kubectl cp</c> reads and writes), over the
/// simulation's text: an archive is a string whose characters are its bytes' UTF-8 decoding, as stdin and stdout carry it.
/// Reading also takes the PAX and GNU long-name headers Go's archive/tar and GNU tar write for long paths.
/// </summary>
internal static class TarFormat
{
    const int Block = 512;

    /// <summary>The archive of <paramref name="entries"/>, ended by two zero blocks.</summary>
    public static string Write(IEnumerable<TarEntry> entries)
    {
        var archive = new List<byte>();
        foreach (var entry in entries)
        {
            var content = entry.IsDirectory ? [] : Encoding.UTF8.GetBytes(entry.Content);
            archive.AddRange(Header(entry.IsDirectory ? entry.Name + "/" : entry.Name, entry.IsDirectory, content.Length));
            archive.AddRange(content);
            archive.AddRange(new byte[Padding(content.Length)]);
        }
        archive.AddRange(new byte[2 * Block]);
        return Encoding.UTF8.GetString([.. archive]);
    }

    /// <summary>The entries of <paramref name="archive"/> (directory names without their slash), or null when it is not a tar archive.</summary>
    public static IReadOnlyList<TarEntry>? Read(string archive)
    {
        var bytes = Encoding.UTF8.GetBytes(archive);
        var entries = new List<TarEntry>();
        string? longName = null;
        for (var at = 0; at < bytes.Length;)
        {
            var header = bytes.AsSpan(at, Math.Min(Block, bytes.Length - at));
            if (!header.ContainsAnyExcept((byte)0)) break; // the end-of-archive blocks
            if (header.Length < Block) return null;
            if (!ChecksumMatches(header) || Octal(header.Slice(124, 12)) is not { } size || size < 0 || at + Block + size > bytes.Length) return null;
            var data = bytes.AsSpan(at + Block, (int)size);
            var type = (char)header[156];
            var name = longName ?? Name(header);
            longName = null;
            switch (type)
            {
                case 'x':
                    longName = PaxPath(data);
                    break;
                case 'L':
                    longName = Encoding.UTF8.GetString(data).TrimEnd('\0');
                    break;
                case '5':
                    entries.Add(new TarEntry(name.TrimEnd('/'), IsDirectory: true));
                    break;
                case '0' or '\0' or '7':
                    entries.Add(new TarEntry(name, IsDirectory: false, Encoding.UTF8.GetString(data)));
                    break;
                default:
                    break; // links, devices, global PAX headers: nothing the simulation keeps
            }
            at += Block + (int)size + Padding((int)size);
        }
        return entries;
    }

    static int Padding(int size) => (Block - size % Block) % Block;

    static byte[] Header(string name, bool directory, int size)
    {
        var header = new byte[Block];
        var nameBytes = Encoding.UTF8.GetBytes(name);
        // ustar splits a long name into a prefix (up to 155 bytes, at a slash) and a name (up to 100).
        var split = nameBytes.Length <= 100 ? -1 : Array.LastIndexOf(nameBytes, (byte)'/', Math.Min(nameBytes.Length - 2, 155));
        if (nameBytes.Length > 100 && (split < 0 || nameBytes.Length - split - 1 > 100))
            throw new ArgumentException($"name too long for a ustar header: {name}", nameof(name));
        if (split < 0) nameBytes.CopyTo(header, 0);
        else
        {
            nameBytes.AsSpan(split + 1).CopyTo(header);
            nameBytes.AsSpan(0, split).CopyTo(header.AsSpan(345));
        }
        Field(header, 100, 8, directory ? "0000755" : "0000644");
        Field(header, 108, 8, "0000000"); // uid root
        Field(header, 116, 8, "0000000"); // gid root
        Field(header, 124, 12, Convert.ToString(size, 8).PadLeft(11, '0'));
        Field(header, 136, 12, "00000000000"); // mtime: the simulation keeps none
        header[156] = (byte)(directory ? '5' : '0');
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(header, 257);
        Encoding.ASCII.GetBytes("root").CopyTo(header, 265);
        Encoding.ASCII.GetBytes("root").CopyTo(header, 297);
        // The checksum is taken with its own field as spaces.
        header.AsSpan(148, 8).Fill((byte)' ');
        var sum = 0;
        foreach (var b in header) sum += b;
        Field(header, 148, 7, Convert.ToString(sum, 8).PadLeft(6, '0'));
        return header;
    }

    static void Field(byte[] header, int offset, int length, string octal) =>
        Encoding.ASCII.GetBytes(octal).AsSpan(0, Math.Min(octal.Length, length - 1)).CopyTo(header.AsSpan(offset));

    static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        if (Octal(header.Slice(148, 8)) is not { } stored) return false;
        long sum = 0;
        for (var i = 0; i < Block; i++) sum += i is >= 148 and < 156 ? ' ' : header[i];
        return sum == stored;
    }

    static long? Octal(ReadOnlySpan<byte> field)
    {
        var text = Encoding.ASCII.GetString(field).Trim(' ', '\0');
        if (text.Length == 0) return 0;
        try { return Convert.ToInt64(text, 8); }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException) { return null; }
    }

    static string Name(ReadOnlySpan<byte> header)
    {
        static string Text(ReadOnlySpan<byte> field) => Encoding.UTF8.GetString(field[..(field.IndexOf((byte)0) is var end and >= 0 ? end : field.Length)]);
        var name = Text(header[..100]);
        var prefix = header.Slice(257, 6).SequenceEqual("ustar\0"u8) ? Text(header.Slice(345, 155)) : "";
        return prefix.Length == 0 ? name : prefix + "/" + name;
    }

    // A PAX extended header's records ("LEN path=VALUE\n"); only the path matters here.
    static string? PaxPath(ReadOnlySpan<byte> data)
    {
        foreach (var record in Encoding.UTF8.GetString(data).Split('\n'))
        {
            var space = record.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && record[(space + 1)..].StartsWith("path=", StringComparison.Ordinal)) return record[(space + 6)..];
        }
        return null;
    }
}
