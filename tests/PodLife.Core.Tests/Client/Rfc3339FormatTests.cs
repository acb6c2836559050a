using System.Globalization;
using System.Text;
using PodLife.Core.Client;

namespace PodLife.Core.Tests.Client;

// The hand-written formatter must give exactly what the format strings it replaced gave.
public class Rfc3339FormatTests
{
    const string SecondsFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    const string MicrosecondsFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    static IEnumerable<DateTime> Times()
    {
        var start = new DateTime(2026, 12, 5, 15, 23, 15, DateTimeKind.Utc);
        yield return start;
        yield return start.AddTicks(1);
        yield return start.AddTicks(9);
        yield return start.AddTicks(10);
        yield return start.AddTicks(9_999_999);
        yield return new DateTime(2028, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999);
        yield return new DateTime(5, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        yield return DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc);
        yield return DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);
        var random = new Random(20261205);
        for (var i = 0; i < 5000; i++) yield return new DateTime((long)(random.NextDouble() * DateTime.MaxValue.Ticks), DateTimeKind.Utc);
    }

    [Fact]
    public void WritesWhatTheFormatStringsWrote()
    {
        Span<byte> text = stackalloc byte[Rfc3339Format.MicrosecondsLength];
        foreach (var time in Times())
        {
            Assert.Equal(time.ToString(SecondsFormat, CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..Rfc3339Format.Seconds(time, text)]));
            Assert.Equal(time.ToString(MicrosecondsFormat, CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..Rfc3339Format.Microseconds(time, text)]));
            Assert.Equal(time.ToString(MicrosecondsFormat, CultureInfo.InvariantCulture), Rfc3339Format.MicrosecondsText(new DateTimeOffset(time)));
            Assert.Equal(time.ToString(SecondsFormat, CultureInfo.InvariantCulture), Rfc3339Format.SecondsText(new DateTimeOffset(time)));
        }
    }

    [Fact]
    public void MicrosecondsTextIsInUtc()
    {
        var local = new DateTimeOffset(2026, 12, 5, 16, 23, 15, 120, TimeSpan.FromHours(1));
        Assert.Equal("2026-12-05T15:23:15.120000Z", Rfc3339Format.MicrosecondsText(local));
        Assert.Equal("2026-12-05T15:23:15Z", Rfc3339Format.SecondsText(local));
    }
}
