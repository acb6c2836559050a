using System.Text;

namespace PodLife.Core.Printing;

/// <summary>Durations as Go's time.Duration.String() prints them ("10s", "1m20s", "5m0s", "1.234s", "1.5ms").</summary>
/// <remarks>Kubelet messages embed Go durations: CrashLoopBackOff's "back-off 1m20s ..." and the Pulled event.</remarks>
public static class GoDuration
{
    const long NanosPerSecond = 1_000_000_000;

    public static string Format(TimeSpan duration)
    {
        // Int128 keeps TimeSpan.MinValue negatable and ticks (100 ns) convertible to nanoseconds.
        Int128 nanos = (Int128)duration.Ticks * 100;
        var negative = nanos < 0;
        var u = (UInt128)(negative ? -nanos : nanos);
        var text = u < NanosPerSecond ? BelowOneSecond(u) : FromSeconds(u);
        return negative ? "-" + text : text;
    }

    /// <summary>Go's Duration.Truncate(time.Millisecond), as the Pulled event applies before printing.</summary>
    public static TimeSpan TruncateToMilliseconds(TimeSpan duration) =>
        TimeSpan.FromTicks(duration.Ticks - duration.Ticks % TimeSpan.TicksPerMillisecond);

    static string BelowOneSecond(UInt128 nanos) => (ulong)nanos switch
    {
        0 => "0s",
        < 1_000 => $"{nanos}ns",
        < 1_000_000 => WithFraction(nanos, 3) + "µs",
        _ => WithFraction(nanos, 6) + "ms",
    };

    static string FromSeconds(UInt128 nanos)
    {
        var seconds = nanos / NanosPerSecond;
        var text = new StringBuilder();
        var minutes = seconds / 60;
        var hours = minutes / 60;
        if (hours > 0) text.Append(hours).Append('h');
        if (minutes > 0) text.Append(minutes % 60).Append('m');
        text.Append(WithFraction(nanos % (NanosPerSecond * 60), 9)).Append('s');
        return text.ToString();
    }

    // Integer part, then up to `digits` fractional digits with trailing zeros (and a bare point) dropped.
    static string WithFraction(UInt128 value, int digits)
    {
        var scale = UInt128.One;
        for (var i = 0; i < digits; i++) scale *= 10;
        var whole = value / scale;
        var fraction = (value % scale).ToString().PadLeft(digits, '0').TrimEnd('0');
        return fraction.Length == 0 ? whole.ToString() : $"{whole}.{fraction}";
    }
}
