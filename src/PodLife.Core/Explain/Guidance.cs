namespace PodLife.Core.Explain;

/// <summary>What happens next and what the user can do, as gathered by one advisor; advisors' guidance adds up.</summary>
public sealed record Guidance(IReadOnlyList<string> Next, IReadOnlyList<string> Actions, bool Trouble = false)
{
    public static Guidance None { get; } = new([], []);

    public static Guidance Of(string? next = null, string? action = null, bool trouble = false) =>
        new(next is null ? [] : [next], action is null ? [] : [action], trouble);

    public static Guidance operator +(Guidance a, Guidance b) =>
        new([.. a.Next, .. b.Next], [.. a.Actions, .. b.Actions], a.Trouble || b.Trouble);
}
