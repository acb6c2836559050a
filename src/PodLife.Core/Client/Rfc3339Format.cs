namespace PodLife.Core.Client;

/// <summary>
/// Formats a UTC time as Kubernetes writes metav1.Time (<c>2026-12-04T17:00:00Z</c>) and metav1.MicroTime
/// (<c>2026-12-04T17:00:00.123456Z</c>: six digits, truncated) straight into UTF-8 bytes. A custom format string is
/// parsed again on every call; the history recorder writes every entry's time on every pod write, and that parsing
/// was most of what encoding a timeline cost.
/// </summary>
public static class Rfc3339Format
{
    public const int SecondsLength = 20;
    public const int MicrosecondsLength = 27;

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ssZ</c> into <paramref name="into"/> (at least <see cref="SecondsLength"/> bytes); returns its length.</summary>
    public static int Seconds(DateTime utc, Span<byte> into)
    {
        DateAndTime(utc, into);
        into[19] = (byte)'Z';
        return SecondsLength;
    }

    /// <summary>Writes <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> into <paramref name="into"/> (at least <see cref="MicrosecondsLength"/> bytes); returns its length.</summary>
    public static int Microseconds(DateTime utc, Span<byte> into)
    {
        DateAndTime(utc, into);
        into[19] = (byte)'.';
        Digits(into.Slice(20, 6), (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10));
        into[26] = (byte)'Z';
        return MicrosecondsLength;
    }

    /// <summary>The metav1.Time text of <paramref name="time"/>, in UTC.</summary>
    public static string SecondsText(DateTimeOffset time) => Text(SecondsLength, time.UtcDateTime);

    /// <summary>The metav1.MicroTime text of <paramref name="time"/>, in UTC.</summary>
    public static string MicrosecondsText(DateTimeOffset time) => Text(MicrosecondsLength, time.UtcDateTime);

    // The form of that length, as a string (the bytes are ASCII).
    static string Text(int length, DateTime utc) =>
        string.Create(length, utc, static (chars, utc) =>
        {
            Span<byte> bytes = stackalloc byte[MicrosecondsLength];
            var written = chars.Length == SecondsLength ? Seconds(utc, bytes) : Microseconds(utc, bytes);
            for (var i = 0; i < written; i++) chars[i] = (char)bytes[i];
        });

    // yyyy-MM-ddTHH:mm:ss, the first 19 bytes of both forms.
    static void DateAndTime(DateTime t, Span<byte> s)
    {
        var (year, month, day) = t;
        var ofDay = t.Ticks % TimeSpan.TicksPerDay;
        Digits(s[..4], year);
        s[4] = (byte)'-';
        Digits(s.Slice(5, 2), month);
        s[7] = (byte)'-';
        Digits(s.Slice(8, 2), day);
        s[10] = (byte)'T';
        Digits(s.Slice(11, 2), (int)(ofDay / TimeSpan.TicksPerHour));
        s[13] = (byte)':';
        Digits(s.Slice(14, 2), (int)(ofDay / TimeSpan.TicksPerMinute % 60));
        s[16] = (byte)':';
        Digits(s.Slice(17, 2), (int)(ofDay / TimeSpan.TicksPerSecond % 60));
    }

    // value in exactly into.Length decimal digits, zero-padded on the left.
    static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
