namespace PodLife.Core.History;

/// <summary>Maps times between <paramref name="start"/> and <paramref name="end"/> onto <paramref name="width"/> text columns.</summary>
sealed class TimelineAxis(DateTimeOffset start, DateTimeOffset end, int width)
{
    int Column(DateTimeOffset t)
    {
        var span = (end - start).Ticks;
        if (span <= 0) return 0;
        return (int)Math.Clamp((t - start).Ticks * width / span, 0, width);
    }

    public char[] Empty() => [.. Enumerable.Repeat(' ', width)];

    /// <summary>Marks the columns from <paramref name="from"/> to <paramref name="to"/>; at least one, so short stretches show.</summary>
    public char[] Fill(char[] bar, DateTimeOffset from, DateTimeOffset to, char mark)
    {
        var first = Math.Min(Column(from), width - 1);
        var last = Math.Min(width - 1, Math.Max(first, Column(to) - 1));
        for (var i = first; i <= last; i++) bar[i] = mark;
        return bar;
    }

    public string Frame(char[] bar) => $"|{new string(bar)}|";

    public string Bar(DateTimeOffset from, DateTimeOffset to, char mark) => Frame(Fill(Empty(), from, to, mark));
}
